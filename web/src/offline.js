// Records made without network (a teacher in a village): kept on the phone in IndexedDB, shown as
// "待上传", and sent when the network is back, each with the Idempotency-Key it got when it was
// made, so a record the server got but whose answer was lost is answered again, not made twice
// (docs/api.md "Safe retries"). Its photos follow, each with a key of its own.
import { reactive } from 'vue'
import { api, uploadFile, newIdempotencyKey, ApiError } from './api.js'
import { session } from './store.js'

const DB = 'bangfu-offline'
const STORE = 'outbox'

// outbox.items: [{key, kind: 'aid-record', caseId, body, photos: [{name, type, blob}], created}]
export const outbox = reactive({ items: [], sending: false, lastError: '' })

function openDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1)
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' })
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

async function tx(mode, fn) {
  const db = await openDb()
  try {
    return await new Promise((resolve, reject) => {
      const t = db.transaction(STORE, mode)
      const result = fn(t.objectStore(STORE))
      t.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined)
      t.onerror = () => reject(t.error)
      t.onabort = () => reject(t.error)
    })
  } finally {
    db.close()
  }
}

export async function refreshOutbox() {
  try {
    const all = (await tx('readonly', (s) => s.getAll())) || []
    const me = session.user?.username || ''
    outbox.items = all.filter((x) => x.user === me).sort((a, b) => a.created - b.created)
  } catch {
    outbox.items = [] // no IndexedDB (private window): nothing kept, nothing to show
  }
  return outbox.items
}

const put = (entry) => tx('readwrite', (s) => s.put(entry))
const remove = (key) => tx('readwrite', (s) => s.delete(key))

// A network failure (no answer at all) keeps the record; an answer of the server (even an error)
// does not: a 422 must be shown to the person who typed it.
const isOffline = (err) => err instanceof ApiError && err.status === 0

async function send(entry) {
  const created = await api.post(`/api/v1/aid-cases/${entry.caseId}/records`, entry.body, { idempotencyKey: entry.key })
  // Photos: each sent once; the entry remembers which are done, in case the network goes again.
  for (let i = 0; i < entry.photos.length; i++) {
    const p = entry.photos[i]
    if (p.done) continue
    const file = new File([p.blob], p.name, { type: p.type })
    try {
      await uploadFile(`/api/v1/aid-cases/${entry.caseId}/records/${created.id}/attachments`, file, {
        query: { name: p.name },
        idempotencyKey: `${entry.key}-photo-${i}`,
      })
    } catch (err) {
      // The record is saved: a photo the server refuses (a type it does not take) is named,
      // not a reason to send the record again.
      if (isOffline(err) || (err instanceof ApiError && err.status === 401)) throw err
      p.error = `${p.name}: ${err.message}`
    }
    p.done = true
    if (entry.queued) await put(entry).catch(() => {})
  }
  created.photoErrors = entry.photos.filter((p) => p.error).map((p) => p.error)
  return created
}

// Saves an aid record: sent at once when the phone is online, kept in the outbox when it is not
// (or when the network fails on the way). Answers {created} or {queued: true}.
export async function saveAidRecord(caseId, body, photos = []) {
  const entry = {
    key: newIdempotencyKey(),
    kind: 'aid-record',
    // The phone may be shared: each entry is sent by (and shown to) the user who made it.
    user: session.user?.username || '',
    caseId: String(caseId),
    body,
    photos: photos.map((f) => ({ name: f.name, type: f.type, blob: f, done: false })),
    created: Date.now(),
  }
  if (navigator.onLine) {
    try {
      return { created: await send(entry) }
    } catch (err) {
      if (!isOffline(err)) throw err
    }
  }
  entry.queued = true
  await put(entry)
  await refreshOutbox()
  return { queued: true }
}

// Sends what the outbox holds, oldest first; stops at the first network failure. An entry the
// server refuses (e.g. the case was ended meanwhile) stays, with the server's message.
export async function flushOutbox() {
  if (outbox.sending || !navigator.onLine) return
  outbox.sending = true
  outbox.lastError = ''
  try {
    for (const entry of await refreshOutbox()) {
      try {
        await send(entry)
        await remove(entry.key)
      } catch (err) {
        if (isOffline(err)) break
        if (err instanceof ApiError && err.status === 401) break
        outbox.lastError = err.message
        entry.error = err.message
        await put(entry).catch(() => {})
      }
    }
  } finally {
    outbox.sending = false
    await refreshOutbox()
  }
}

let started = false
// Called once the user is logged in: send what is waiting now and whenever the network returns.
export function startOutbox() {
  if (started || typeof window === 'undefined' || !('indexedDB' in window)) return
  started = true
  window.addEventListener('online', () => flushOutbox())
  flushOutbox()
}
