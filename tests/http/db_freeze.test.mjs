// A PostgreSQL that stops answering (issue 17): frozen, or cut off by a network partition the
// kernel has not noticed. The server reaches PostgreSQL through a TCP proxy of this test that can
// stop passing bytes. With `serve --db-timeout 2`, a request then gets 503 within a few seconds
// instead of hanging, /healthz says 503, and once the database answers again the server recovers
// by itself (the abandoned connections are dropped, new ones made). PostgreSQL only: SQLite has
// no connection to lose.
import assert from 'node:assert/strict'
import net from 'node:net'
import { after, before, test } from 'node:test'

import { DEFAULT_SERVE_ARGS, ENGINE, assertOk, serve, setup, sleep } from './harness.mjs'

const skip = ENGINE !== 'postgresql' && 'PostgreSQL only'
let h
let proxy
let server
let frozen = false
const pairs = new Set()

before(async () => {
  if (skip) return
  h = await setup()
  const target = new URL(h.db.url)
  proxy = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname)
    const pair = { client, upstream }
    pairs.add(pair)
    // While frozen, bytes are swallowed in both directions: the peers see a silent connection.
    client.on('data', (d) => { if (!frozen) upstream.write(d) })
    upstream.on('data', (d) => { if (!frozen) client.write(d) })
    const close = () => { client.destroy(); upstream.destroy(); pairs.delete(pair) }
    client.on('error', close).on('close', close)
    upstream.on('error', close).on('close', close)
  })
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  const url = new URL(h.db.url)
  url.port = String(proxy.address().port)
  server = await serve(h.bin, url.toString(), { args: [...DEFAULT_SERVE_ARGS, '--db-timeout', '2'] })
})
after(async () => {
  frozen = false
  await server?.stop()
  for (const p of pairs) { p.client.destroy(); p.upstream.destroy() }
  proxy?.close()
  await h?.close()
})

const timed = async (fn) => {
  const t0 = Date.now()
  const res = await fn()
  return { res, ms: Date.now() - t0 }
}

test('a silent database: 503 within seconds, /healthz says so, and the server recovers', { skip }, async () => {
  const get = (p) => fetch(server.url + p, { signal: AbortSignal.timeout(20_000) })
  assert.equal((await get('/api/v1/dictionaries')).status, 200)
  assert.equal((await get('/healthz')).status, 200)

  frozen = true
  const { res, ms } = await timed(() => get('/api/v1/dictionaries'))
  assert.equal(res.status, 503, await res.text())
  assert.ok(ms < 8000, `the refusal took ${ms} ms`)
  assert.ok(res.headers.get('retry-after'), 'a 503 says when to come back')
  // The health check answers at once, and says the database does not answer.
  await sleep(3500)
  const health = await timed(() => get('/healthz'))
  assert.equal(health.res.status, 503)
  assert.ok(health.ms < 1000, `/healthz took ${health.ms} ms`)

  frozen = false
  let back = false
  for (let i = 0; i < 30 && !back; i++) {
    const r = await get('/api/v1/dictionaries')
    back = r.status === 200
    if (!back) await sleep(500)
  }
  assert.ok(back, 'the server did not recover once the database answered again')
  let healthy = false
  for (let i = 0; i < 20 && !healthy; i++) {
    healthy = (await get('/healthz')).status === 200
    if (!healthy) await sleep(500)
  }
  assert.ok(healthy, '/healthz did not recover')
  assert.match(server.output(), /health check failed/)
  assertOk(await h.get('/healthz'))
})
