// Harness of the HTTP tests: a fresh database with the demo data (SQLite or PostgreSQL, from
// BANGFU_DB_ENGINE), a `bangfu serve` on a loopback port of its own choosing, and small helpers
// to log in and call the API with global fetch. Each test file gets its own database and server,
// so files never see each other's writes.
//
// Environment:
//   BANGFU_BIN        the bangfu binary (default: build/src/cli/bangfu)
//   BANGFU_DB_ENGINE  sqlite (default) | postgresql
//   BANGFU_PG_URL     for postgresql: a maintenance URL, postgresql://postgres@127.0.0.1:PORT/postgres
//
// `bangfu demo` hashes every demo password with Argon2id, which takes seconds (more under
// sanitizers). The first test file of a run loads the demo into a template database; the other
// files of the same run (same `node --test` parent process) copy it. Templates of runs that are
// over are removed by the next run.
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const PASSWORD = 'Bangfu@2026'
export const ENGINE = process.env.BANGFU_DB_ENGINE || 'sqlite'
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export function bangfuBin() {
  const bin = process.env.BANGFU_BIN || path.join(ROOT, 'build', 'src', 'cli', 'bangfu')
  if (!fs.existsSync(bin)) {
    throw new Error(`bangfu binary not found at ${bin}: build it (ninja -C build bangfu) or set BANGFU_BIN`)
  }
  return bin
}

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 300_000 })
  if (r.error) throw new Error(`${what}: cannot run ${cmd}: ${r.error.message}`)
  if (r.status !== 0) {
    throw new Error(`${what} failed (${r.status ?? r.signal}): ${cmd} ${args.join(' ')}\n${r.stdout}\n${r.stderr}`)
  }
  return r.stdout
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return e.code === 'EPERM'
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

// ---- databases -------------------------------------------------------------------------------

function pgUrl() {
  const url = process.env.BANGFU_PG_URL
  if (!url) {
    throw new Error(
      'BANGFU_DB_ENGINE=postgresql but BANGFU_PG_URL is not set: run the tests through ' +
        'scripts/with-postgres.sh, or set BANGFU_PG_URL=postgresql://postgres@127.0.0.1:PORT/postgres',
    )
  }
  return url
}

function withDatabase(url, name) {
  const u = new URL(url)
  u.pathname = '/' + name
  return u.toString()
}

function psql(sql) {
  return run('psql', [pgUrl(), '-v', 'ON_ERROR_STOP=1', '-qAtX', '-c', sql], `psql -c "${sql}"`)
}

// One template per engine and `node --test` run, built by whichever file comes first; a lock
// directory makes concurrent files wait for it instead of building it twice.
async function withTemplate(key, build) {
  const dir = path.join(os.tmpdir(), `bangfu-http-tpl-${process.ppid}-${ENGINE}-${key}`)
  const ready = path.join(dir, 'ready')
  // Clean up after runs that are over (their parent process is gone).
  for (const name of fs.readdirSync(os.tmpdir())) {
    const m = name.match(/^bangfu-http-tpl-(\d+)-/)
    if (m && Number(m[1]) !== process.ppid && !pidAlive(Number(m[1]))) {
      fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true })
    }
  }
  let mine = false
  try {
    fs.mkdirSync(dir)
    mine = true
  } catch (e) {
    if (e.code !== 'EEXIST') throw e
  }
  if (mine) {
    try {
      const info = await build(dir)
      fs.writeFileSync(ready, JSON.stringify(info))
    } catch (e) {
      fs.writeFileSync(path.join(dir, 'failed'), String(e.stack || e))
      throw e
    }
  }
  const deadline = Date.now() + 300_000
  while (!fs.existsSync(ready)) {
    if (fs.existsSync(path.join(dir, 'failed'))) {
      throw new Error('building the template database failed in another test file:\n' + fs.readFileSync(path.join(dir, 'failed'), 'utf8'))
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for the template database in ${dir}`)
    await sleep(100)
  }
  return JSON.parse(fs.readFileSync(ready, 'utf8'))
}

function binKey(bin) {
  const st = fs.statSync(bin)
  return crypto.createHash('sha1').update(`${path.resolve(bin)}:${st.size}:${st.mtimeMs}`).digest('hex').slice(0, 10)
}

// A fresh database with the demo data: { url, drop() }. The demo's registry only, unless
// `fullDemo` (then also its programs, pairings and their work): most tests build the pairing
// work they check themselves, so the demo's cannot change their counts.
async function freshDatabase(bin, fullDemo = false) {
  const demoArgs = fullDemo ? [] : ['--registry-only']
  const key = binKey(bin) + (fullDemo ? '-full' : '')
  if (ENGINE === 'sqlite') {
    const tpl = await withTemplate(key, async (dir) => {
      const file = path.join(dir, 'demo.db')
      run(bin, ['init', '--db', `sqlite:${file}`], 'bangfu init')
      run(bin, ['demo', '--db', `sqlite:${file}`, ...demoArgs], 'bangfu demo')
      return { file }
    })
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bangfu-http-'))
    const file = path.join(tmp, 't.db')
    fs.copyFileSync(tpl.file, file)
    for (const ext of ['-wal', '-shm']) {
      if (fs.existsSync(tpl.file + ext)) fs.copyFileSync(tpl.file + ext, file + ext)
    }
    return { url: `sqlite:${file}`, tmp, drop: () => fs.rmSync(tmp, { recursive: true, force: true }) }
  }
  if (ENGINE === 'postgresql') {
    const maintenance = pgUrl()
    const tpl = await withTemplate(key, async () => {
      // Templates of runs that are over.
      for (const name of psql("SELECT datname FROM pg_database WHERE datname LIKE 'bangfu_http_tpl_%'").split('\n')) {
        const m = name.match(/^bangfu_http_tpl_(\d+)_/)
        if (m && Number(m[1]) !== process.ppid && !pidAlive(Number(m[1]))) psql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      }
      const name = `bangfu_http_tpl_${process.ppid}_${crypto.randomBytes(4).toString('hex')}`
      psql(`CREATE DATABASE "${name}"`)
      const url = withDatabase(maintenance, name)
      run(bin, ['init', '--db', url], 'bangfu init')
      run(bin, ['demo', '--db', url, ...demoArgs], 'bangfu demo')
      return { name }
    })
    const name = `bangfu_http_${crypto.randomBytes(6).toString('hex')}`
    psql(`CREATE DATABASE "${name}" TEMPLATE "${tpl.name}"`)
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bangfu-http-'))
    return {
      url: withDatabase(maintenance, name),
      tmp,
      drop: () => {
        psql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
        fs.rmSync(tmp, { recursive: true, force: true })
      },
    }
  }
  throw new Error(`BANGFU_DB_ENGINE must be sqlite or postgresql, not "${ENGINE}"`)
}

// ---- the server ------------------------------------------------------------------------------

// Delays from the 4th failure of a name and address (the default), at most a minute in tests.
export const DEFAULT_SERVE_ARGS = ['--login-free-failures', '3', '--login-max-delay', '60']

// Starts `bangfu serve --db url` and waits for "listening on http://…". Returns
// { url, child, output(), stop() }; stop() sends SIGTERM and resolves to { code, signal }.
export async function serve(bin, dbUrl, { sessionTtl = 3600, args = DEFAULT_SERVE_ARGS } = {}) {
  const child = spawn(
    bin,
    ['serve', '--db', dbUrl, '--listen', '127.0.0.1:0', '--web', '/nonexistent', '--no-access-log',
      '--session-ttl', String(sessionTtl), ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout.on('data', (c) => (output += c.toString()))
  child.stderr.on('data', (c) => (output += c.toString()))
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bangfu serve did not say "listening on" within 60 s:\n${output}`)), 60_000)
    const poll = setInterval(() => {
      const m = output.match(/listening on (http:\/\/[^\s]+)/)
      if (m) {
        clearTimeout(timer)
        clearInterval(poll)
        resolve(m[1].replace(/\/$/, ''))
      }
    }, 10)
    exited.then(({ code, signal }) => {
      clearTimeout(timer)
      clearInterval(poll)
      reject(new Error(`bangfu serve exited (${code ?? signal}) before listening:\n${output}`))
    })
  })
  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      const r = await exited
      clearTimeout(timer)
      return r
    }
    return exited
  }
  return { url, child, output: () => output, stop }
}

// Everything a test file needs: a database of its own, a server on it, and the helpers bound to
// that server. Call in before(); call close() in after().
export async function setup(options = {}) {
  const bin = bangfuBin()
  const db = await freshDatabase(bin, options.fullDemo === true)
  let server
  try {
    server = await serve(bin, db.url, options)
  } catch (e) {
    db.drop()
    throw e
  }
  const client = makeClient(server.url)
  const extra = []
  return {
    ...client,
    bin,
    db,
    server,
    // Another server on the same database (e.g. with a short session lifetime).
    async serveAgain(opts) {
      const s = await serve(bin, db.url, opts)
      extra.push(s)
      return { ...makeClient(s.url), server: s }
    },
    async close() {
      for (const s of extra) await s.stop()
      await server.stop()
      db.drop()
    },
  }
}

// ---- the client ------------------------------------------------------------------------------

// api(method, path, { session, token, body, headers, raw, csrf }) → { status, headers, json, text, bytes }
//   session: from login(); sends the cookie and (unless csrf: false) the X-CSRF-Token header
//   token:   an API token, sent as Authorization: Bearer
//   body:    an object (sent as JSON) or a string / Buffer / Uint8Array (sent as is)
//   raw:     true to skip JSON parsing of the answer
export function makeClient(base) {
  async function api(method, urlPath, { session, token, body, headers = {}, raw = false, csrf = true } = {}) {
    const h = { ...headers }
    if (session) {
      h.cookie = session.cookie
      if (csrf && session.csrf && !('x-csrf-token' in lower(h))) h['x-csrf-token'] = session.csrf
    }
    if (token) h.authorization = `Bearer ${token}`
    let payload
    if (body !== undefined) {
      if (typeof body === 'string' || body instanceof Uint8Array || body instanceof ArrayBuffer) {
        payload = body
      } else {
        payload = JSON.stringify(body)
        if (!('content-type' in lower(h))) h['content-type'] = 'application/json'
      }
    }
    const res = await fetch(base + urlPath, { method, headers: h, body: payload, redirect: 'manual' })
    const bytes = Buffer.from(await res.arrayBuffer())
    const out = { status: res.status, headers: res.headers, bytes, text: bytes.toString('utf8'), json: undefined }
    const type = res.headers.get('content-type') || ''
    if (!raw && type.startsWith('application/json') && bytes.length > 0) {
      out.json = JSON.parse(out.text)
    }
    return out
  }

  // Logs in with the demo password (or another) and returns { cookie, csrf, user, setCookie }.
  async function login(username, password = PASSWORD) {
    const res = await api('POST', '/api/v1/auth/login', { body: { username, password } })
    assert.equal(res.status, 200, `login of ${username}: ${res.text}`)
    const setCookie = res.headers.get('set-cookie') || ''
    const m = setCookie.match(/bangfu_session=([^;]*)/)
    assert.ok(m && m[1], `login of ${username} set no session cookie: ${setCookie}`)
    assert.equal(typeof res.json.csrf_token, 'string')
    return { cookie: `bangfu_session=${m[1]}`, csrf: res.json.csrf_token, user: res.json.user, setCookie }
  }

  // Logs several users in at once: { admin: session, … }.
  async function loginAll(usernames) {
    const sessions = await Promise.all(usernames.map((u) => login(u)))
    return Object.fromEntries(usernames.map((u, i) => [u, sessions[i]]))
  }

  const get = (p, opts) => api('GET', p, opts)
  const post = (p, body, opts = {}) => api('POST', p, { ...opts, body })
  const patch = (p, body, opts = {}) => api('PATCH', p, { ...opts, body })
  const del = (p, opts) => api('DELETE', p, opts)

  return { base, api, login, loginAll, get, post, patch, del }
}

function lower(h) {
  return Object.fromEntries(Object.keys(h).map((k) => [k.toLowerCase(), true]))
}

// ---- assertions ------------------------------------------------------------------------------

// Asserts an error answer: status, JSON body {error: {code, message}}, and optionally the fields
// named in error.fields.
export function assertError(res, status, code, fields = []) {
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status}: ${res.text}`)
  assert.ok(res.json && res.json.error, `expected a JSON error body, got: ${res.text}`)
  assert.equal(res.json.error.code, code, `error code: ${res.text}`)
  assert.equal(typeof res.json.error.message, 'string')
  assert.ok(res.json.error.message.length > 0, 'error message is empty')
  for (const f of fields) {
    assert.ok(res.json.error.fields && typeof res.json.error.fields[f] === 'string',
      `error.fields should name "${f}": ${res.text}`)
  }
}

export function assertOk(res, status = 200) {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${res.text}`)
  return res.json
}

// Asserts a list answer {items, total, page, page_size} and returns it.
export function assertPage(res, { page = 1, pageSize = 20 } = {}) {
  assertOk(res)
  const b = res.json
  assert.ok(Array.isArray(b.items), `items is not a list: ${res.text.slice(0, 300)}`)
  assert.equal(typeof b.total, 'number')
  assert.equal(b.page, page)
  assert.equal(b.page_size, pageSize)
  assert.ok(b.items.length <= b.page_size)
  assert.ok(b.total >= b.items.length)
  return b
}

// Asserts an .xlsx download: status 200, content type, "PK" magic and a UTF-8 file name
// (RFC 5987 filename*) that decodes to something starting with `stem` and ending in .xlsx.
export function assertXlsx(res, stem) {
  assert.equal(res.status, 200, `expected an xlsx, got ${res.status}: ${res.text.slice(0, 300)}`)
  assert.equal(res.headers.get('content-type'), XLSX_TYPE)
  assert.equal(res.bytes.subarray(0, 2).toString('latin1'), 'PK')
  const cd = res.headers.get('content-disposition') || ''
  assert.match(cd, /^attachment;/)
  const m = cd.match(/filename\*=UTF-8''([^;]+)/)
  assert.ok(m, `no RFC 5987 filename* in Content-Disposition: ${cd}`)
  const name = decodeURIComponent(m[1])
  assert.ok(name.endsWith('.xlsx'), `file name ${name}`)
  if (stem) assert.ok(name.startsWith(stem), `file name ${name} should start with ${stem}`)
  return name
}

export { sleep }

// ---- reading .xlsx files (a zip of XML parts) without dependencies ----------------------------

// The entries of a zip archive: Map(name → Buffer), inflated.
export function readZip(buf) {
  let eocd = -1
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  assert.ok(eocd >= 0, 'not a zip file: no end-of-central-directory record')
  const count = buf.readUInt16LE(eocd + 10)
  let p = buf.readUInt32LE(eocd + 16)
  const entries = new Map()
  for (let n = 0; n < count; n++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, 'bad zip central directory')
    const method = buf.readUInt16LE(p + 10)
    const compressed = buf.readUInt32LE(p + 20)
    const nameLen = buf.readUInt16LE(p + 28)
    const extraLen = buf.readUInt16LE(p + 30)
    const commentLen = buf.readUInt16LE(p + 32)
    const local = buf.readUInt32LE(p + 42)
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8')
    assert.equal(buf.readUInt32LE(local), 0x04034b50, 'bad zip local header')
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
    const data = buf.subarray(start, start + compressed)
    entries.set(name, method === 0 ? Buffer.from(data) : zlib.inflateRawSync(data))
    p += 46 + nameLen + extraLen + commentLen
  }
  return entries
}

function xmlText(s) {
  return s
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
}

// The first worksheet (or the `sheet`-th) of an .xlsx as rows of cell texts (shared and inline
// strings, numbers).
export function readXlsxRows(buf, sheet = 1) {
  const zip = readZip(buf)
  const shared = []
  const sst = zip.get('xl/sharedStrings.xml')
  if (sst) {
    for (const si of sst.toString('utf8').match(/<si>[\s\S]*?<\/si>/g) || []) {
      shared.push(xmlText((si.match(/<t[^>]*>([\s\S]*?)<\/t>/g) || []).map((t) => t.replace(/<[^>]+>/g, '')).join('')))
    }
  }
  const part = zip.get(`xl/worksheets/sheet${sheet}.xml`)
  assert.ok(part, `the workbook has no xl/worksheets/sheet${sheet}.xml`)
  const rows = []
  for (const row of part.toString('utf8').match(/<row[^>]*>[\s\S]*?<\/row>|<row[^>]*\/>/g) || []) {
    const cells = []
    for (const c of row.match(/<c [^>]*?(?:\/>|>[\s\S]*?<\/c>)/g) || []) {
      const ref = c.match(/ r="([A-Z]+)\d+"/)
      const col = ref ? [...ref[1]].reduce((a, ch) => a * 26 + ch.charCodeAt(0) - 64, 0) - 1 : cells.length
      const type = (c.match(/ t="(\w+)"/) || [])[1]
      const v = (c.match(/<v>([\s\S]*?)<\/v>/) || [])[1]
      let text = ''
      if (type === 's') text = shared[Number(v)] ?? ''
      else if (type === 'inlineStr') text = xmlText(((c.match(/<t[^>]*>([\s\S]*?)<\/t>/) || [])[1]) ?? '')
      else if (v !== undefined) text = xmlText(v)
      while (cells.length < col) cells.push('')
      cells[col] = text
    }
    rows.push(cells)
  }
  return rows
}
