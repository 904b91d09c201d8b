// Fetch wrapper of the Bangfu HTTP API (docs/api.md).
// - JSON in and out; errors become ApiError {status, code, message, fields}.
// - Every unsafe request (POST, PATCH, PUT, DELETE) carries X-CSRF-Token.
// - A 401 (other than on the login call itself) calls the unauthorized handler (redirect to login).
// - Accept-Language follows the UI language, so server messages come in the same language.

const UNSAFE = new Set(['POST', 'PATCH', 'PUT', 'DELETE'])

let csrfToken = ''
let onUnauthorized = null
let languageOf = () => 'zh-CN'

export function setCsrfToken(token) {
  csrfToken = token || ''
}
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn
}
export function setLanguageProvider(fn) {
  languageOf = fn
}

export class ApiError extends Error {
  constructor(status, code, message, fields) {
    super(message || code || `HTTP ${status}`)
    this.status = status
    this.code = code || ''
    this.fields = fields || {}
  }
}

// Builds "/api/v1/x?a=1&b=2", leaving out empty filter values.
export function buildUrl(path, query) {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query || {})) {
    if (v === undefined || v === null || v === '') continue
    if (Array.isArray(v)) {
      if (v.length) params.set(k, v.join(','))
    } else {
      params.set(k, String(v))
    }
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

function errorFrom(status, data, fallbackText) {
  const e = data && typeof data === 'object' ? data.error : null
  if (e && typeof e === 'object') return new ApiError(status, e.code, e.message, e.fields)
  return new ApiError(status, 'http_' + status, fallbackText || `HTTP ${status}`)
}

function isLoginCall(path) {
  return path.startsWith('/api/v1/auth/login')
}

// A random Idempotency-Key (crypto.randomUUID needs a secure context; getRandomValues does not).
export function newIdempotencyKey() {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

const RETRIES = [1000, 3000] // waits before the 2nd and 3rd attempt of a POST
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

// A POST carries an Idempotency-Key, one per submission (docs/api.md "Safe retries"): when the
// network fails or the server is overloaded (502/503/504), the same request is sent again with the
// same key, so a create whose answer was lost is answered, not made twice.
// `idempotencyKey`: a key chosen by the caller (a record kept offline is sent with the key it got
// when it was made, however many times the phone tries).
export async function request(method, path, { query, body, signal, idempotencyKey } = {}) {
  const headers = { Accept: 'application/json', 'Accept-Language': languageOf() }
  const init = { method, headers, credentials: 'same-origin', signal }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json'
    init.body = JSON.stringify(body)
  }
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken
  const retrying = method === 'POST' && !isLoginCall(path)
  if (retrying) headers['Idempotency-Key'] = idempotencyKey || newIdempotencyKey()
  let res
  for (let attempt = 0; ; attempt++) {
    try {
      res = await fetch(buildUrl(path, query), init)
    } catch (err) {
      if (err && err.name === 'AbortError') throw err
      if (retrying && attempt < RETRIES.length) {
        await sleep(RETRIES[attempt])
        continue
      }
      throw new ApiError(0, 'network', languageOf() === 'en' ? 'Cannot reach the server' : '无法连接服务器')
    }
    if (retrying && attempt < RETRIES.length && [502, 503, 504].includes(res.status)) {
      const after = Number(res.headers.get('Retry-After'))
      await sleep(Number.isFinite(after) && after > 0 ? Math.min(after * 1000, 5000) : RETRIES[attempt])
      continue
    }
    break
  }
  if (res.status === 204) return null
  const text = await res.text()
  let data = null
  if (text) {
    try {
      data = JSON.parse(text)
    } catch {
      data = null
    }
  }
  if (!res.ok) {
    const err = errorFrom(res.status, data, res.statusText)
    if (res.status === 401 && !isLoginCall(path) && onUnauthorized) onUnauthorized(err)
    throw err
  }
  return data
}

export const api = {
  get: (path, query, opts = {}) => request('GET', path, { ...opts, query }),
  post: (path, body, opts = {}) => request('POST', path, { ...opts, body }),
  patch: (path, body, opts = {}) => request('PATCH', path, { ...opts, body }),
  put: (path, body, opts = {}) => request('PUT', path, { ...opts, body }),
  del: (path, opts = {}) => request('DELETE', path, opts),
}

// Lists answer {items, total, page, page_size}; a few endpoints may answer a bare array.
export function itemsOf(data) {
  if (Array.isArray(data)) return data
  return (data && data.items) || []
}

const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
}

export function fileMime(name) {
  const ext = String(name || '').split('.').pop().toLowerCase()
  return MIME[ext] || 'application/octet-stream'
}

// POSTs a file as the raw request body with XMLHttpRequest, so upload progress can be shown.
// onProgress(percent 0..100). Resolves with the parsed JSON answer; rejects with ApiError. Like
// every POST it carries one Idempotency-Key and is sent again with it when the network fails or
// the server is overloaded: a photo whose answer was lost on a village network is stored once.
// `idempotencyKey`: the key of a record kept offline (offline.js), the same at every sending.
export async function uploadFile(path, file, { query, onProgress, idempotencyKey } = {}) {
  const key = idempotencyKey || newIdempotencyKey()
  for (let attempt = 0; ; attempt++) {
    let answer
    try {
      answer = await sendFile(path, file, { query, onProgress, key })
    } catch (err) {
      if (attempt < RETRIES.length) {
        await sleep(RETRIES[attempt])
        continue
      }
      throw err
    }
    const { status, data, statusText, retryAfter } = answer
    if (attempt < RETRIES.length && [502, 503, 504].includes(status)) {
      await sleep(retryAfter > 0 ? Math.min(retryAfter * 1000, 5000) : RETRIES[attempt])
      continue
    }
    // An import report ({total, imported, errors}) is a result even when the status says 422.
    if (data && Array.isArray(data.errors)) return data
    if (status >= 200 && status < 300) return data
    const err = errorFrom(status, data, statusText)
    if (status === 401 && onUnauthorized) onUnauthorized(err)
    throw err
  }
}

// One attempt of uploadFile: resolves with the answer, whatever its status; rejects only when
// no answer came (the network).
function sendFile(path, file, { query, onProgress, key }) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', buildUrl(path, query))
    xhr.withCredentials = true
    xhr.setRequestHeader('Content-Type', fileMime(file.name))
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('Accept-Language', languageOf())
    xhr.setRequestHeader('Idempotency-Key', key)
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken)
    if (onProgress) {
      xhr.upload.onprogress = (ev) => {
        if (ev.lengthComputable && ev.total > 0) onProgress(Math.round((ev.loaded / ev.total) * 100))
      }
      xhr.upload.onload = () => onProgress(100)
    }
    xhr.onerror = () =>
      reject(new ApiError(0, 'network', languageOf() === 'en' ? 'Cannot reach the server' : '无法连接服务器'))
    xhr.onload = () => {
      let data = null
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null
      } catch {
        data = null
      }
      resolve({ status: xhr.status, data, statusText: xhr.statusText, retryAfter: Number(xhr.getResponseHeader('Retry-After')) || 0 })
    }
    xhr.send(file)
  })
}
