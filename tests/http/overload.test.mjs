// Overload and gone clients (DESIGN.md §7): one worker and a queue of two, so a burst fills the
// queue. The serve option --test-delay (hidden, tests only) lets a request hold the worker for a
// known time through the header X-Bangfu-Test-Delay: no endpoint is reliably slow (a login's
// Argon2id cost depends on the machine and the sanitizers), and without a held worker the queue
// would drain between two requests and nothing here could be shown deterministically.
import assert from 'node:assert/strict'
import net from 'node:net'
import { after, before, test } from 'node:test'

import { DEFAULT_SERVE_ARGS, assertError, assertOk, assertPage, setup, sleep } from './harness.mjs'

const QUEUE = 2
let h
let s
let staff // a demo staff member with a phone: the admin's detail is an audited, unmasked read
let school // a demo institution the admin may update
before(async () => {
  h = await setup({ args: [...DEFAULT_SERVE_ARGS, '--workers', '1', '--queue', String(QUEUE), '--test-delay'] })
  s = await h.loginAll(['admin'])
  staff = assertPage(await h.get('/api/v1/staff?page_size=200', { session: s.admin }), { pageSize: 200 }).items.find((x) => x.phone !== '')
  school = assertPage(await h.get('/api/v1/institutions?page_size=200', { session: s.admin }), { pageSize: 200 }).items[0]
  assert.ok(staff && school)
})
after(async () => {
  await h?.close()
})

// Holds the only worker for `ms` with a request that changes nothing (the dictionaries). The
// health check itself is answered on the I/O thread, so it cannot hold a worker (but with the
// test-delay header it still goes through the pool, as it did before).
function holdWorker(ms) {
  return h.api('GET', '/api/v1/dictionaries', { headers: { 'x-bangfu-test-delay': String(ms) } })
}
const readPersonal = async () =>
  assertOk(await h.get(`/api/v1/audit?entity=staff&entity_id=${staff.id}&action=read_personal`, { session: s.admin })).total
const timed = async (p) => {
  const r = await p
  return { ...r, at: Date.now() }
}

test('a full queue is answered 503 with Retry-After at once, the queued requests succeed, and the server recovers', async () => {
  const auditedBefore = await readPersonal()
  const t0 = Date.now()
  const held = timed(holdWorker(1500))
  await sleep(300) // the worker has taken it: the queue is empty again
  const burst = 12
  const burstAnswers = Promise.all(
    Array.from({ length: burst }, (_, i) =>
      timed(h.get(`/api/v1/staff/${staff.id}`, { session: s.admin, headers: i === 0 ? {} : { 'accept-language': i % 2 ? 'en' : 'zh' } }))),
  )
  // Meanwhile the health check is answered at once, beside the full queue.
  const health = await timed(h.get('/healthz'))
  const answers = await burstAnswers
  const slow = await held
  assertOk(health)
  assert.equal(health.json.status, 'ok')
  assert.ok(health.at < slow.at, 'the health check waited for the worker')
  assertOk(slow)
  const ok = answers.filter((r) => r.status === 200)
  const refused = answers.filter((r) => r.status === 503)
  assert.equal(ok.length + refused.length, burst, `only 200 or 503: ${answers.map((r) => r.status)}`)
  assert.equal(ok.length, QUEUE, 'the queue holds exactly --queue requests')
  for (const r of refused) {
    assertError(r, 503, 'unavailable')
    const retry = r.headers.get('retry-after')
    assert.match(retry ?? '', /^[1-9]\d*$/, `Retry-After in seconds: ${retry}`)
    // Answered at once, not after the held worker was free again.
    assert.ok(r.at < slow.at, 'a refusal waited for the worker')
    assert.ok(r.at - t0 < 1500, `a refusal took ${r.at - t0} ms`)
  }
  assert.ok(refused.some((r) => r.json.error.message === 'The server is busy; try again shortly'))
  assert.ok(refused.some((r) => r.json.error.message === '服务器繁忙，请稍后重试'))
  // The queued ones ran after the held one, with the phone shown.
  for (const r of ok) {
    assert.equal(r.json.phone_masked, false)
    assert.ok(r.at >= slow.at)
  }
  // A refusal touched no database: only the served reads were audited.
  assert.equal(await readPersonal(), auditedBefore + QUEUE)
  // Recovered: a burst that fits the queue is served entirely, and so is everything after it.
  const again = await Promise.all(Array.from({ length: QUEUE }, () => h.get(`/api/v1/staff/${staff.id}`, { session: s.admin })))
  for (const r of again) assertOk(r)
  for (let i = 0; i < 5; i++) assertOk(await h.get('/healthz'))
})

// Sends PATCH /api/v1/institutions/{school} over a socket of its own; `stay` keeps the socket
// open and resolves to the status line, otherwise the client drops the connection right after
// sending, before any worker is free to take the request.
function rawPatch(studentCount, { stay }) {
  const body = JSON.stringify({ student_count: studentCount })
  const url = new URL(h.base)
  const request =
    `PATCH /api/v1/institutions/${school.id} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nCookie: ${s.admin.cookie}\r\nX-CSRF-Token: ${s.admin.csrf}\r\n\r\n${body}`
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname, () => {
      socket.write(request, () => {
        if (!stay) setTimeout(() => { socket.destroy(); resolve(null) }, 100)
      })
    })
    let answer = ''
    socket.on('data', (d) => {
      answer += d.toString()
      if (stay && answer.includes('\r\n\r\n')) {
        socket.destroy()
        resolve(answer.split('\r\n')[0])
      }
    })
    socket.on('error', reject)
  })
}

const studentCount = async () => assertOk(await h.get(`/api/v1/institutions/${school.id}`, { session: s.admin })).student_count
const updates = async () =>
  assertOk(await h.get(`/api/v1/audit?entity=institution&entity_id=${school.id}&action=update`, { session: s.admin })).total

test('a queued write whose client has gone is not executed; the same write from a client that waits is', async () => {
  const original = await studentCount()
  const updatesBefore = await updates()

  // The client drops the connection while its write waits behind the held worker.
  let held = holdWorker(1200)
  await sleep(300)
  assert.equal(await rawPatch(original + 11, { stay: false }), null)
  assertOk(await held)
  await sleep(300) // the worker has taken (and dropped) the write by now
  assertOk(await h.get('/healthz'))
  assert.equal(await studentCount(), original, 'the write of a gone client was applied')
  assert.equal(await updates(), updatesBefore, 'the write of a gone client was audited')

  // Positive control: the same sequence with a client that waits gets its write done.
  held = holdWorker(1200)
  await sleep(300)
  const status = await rawPatch(original + 22, { stay: true })
  assertOk(await held)
  assert.equal(status, 'HTTP/1.1 200 OK')
  assert.equal(await studentCount(), original + 22)
  assert.equal(await updates(), updatesBefore + 1)
})
