// Safe retries (issue 17): a POST with an Idempotency-Key answers its first answer again when it is
// retried — same key, same request, same user — and creates nothing more, also after the server
// restarted between the answer and the retry; the same key with another request is a 422; keys
// are per user; without a key nothing changes (each POST creates).
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { assertError, assertOk, setup } from './harness.mjs'

let h
let s
before(async () => {
  h = await setup()
  s = await h.loginAll(['admin', 'tongcheng', 'huocheng'])
})
after(async () => {
  await h?.close()
})

const school = (name) => ({ name, kind: 'primary', locality: 'rural', region: '421222105' })
const count = async (name) => {
  const page = assertOk(await h.get(`/api/v1/institutions?q=${encodeURIComponent(name)}`, { session: s.admin }))
  return page.items.filter((x) => x.name === name).length
}
const post = (body, key, session = s.tongcheng) =>
  h.post('/api/v1/institutions', body, { session, headers: key ? { 'Idempotency-Key': key } : {} })

test('a retried create answers the first answer and creates once', async () => {
  const key = 'form-7f3c2a9e-0001'
  const first = await post(school('幂等测试小学甲'), key)
  assert.equal(first.status, 201, first.text)
  assert.equal(first.headers.get('idempotent-replayed'), null)
  for (let i = 0; i < 3; i++) {
    const again = await post(school('幂等测试小学甲'), key)
    assert.equal(again.status, 201)
    assert.equal(again.headers.get('idempotent-replayed'), 'true')
    assert.equal(again.json.id, first.json.id)
    assert.deepEqual(again.json, first.json)
  }
  assert.equal(await count('幂等测试小学甲'), 1)
  const audit = assertOk(await h.get(`/api/v1/audit?entity=institution&page_size=200`, { session: s.admin }))
  assert.equal(audit.items.filter((e) => e.entity_id === String(first.json.id) && e.action === 'create').length, 1)
})

test('concurrent retries with one key create once', async () => {
  const key = 'form-concurrent-0002'
  const answers = await Promise.all(Array.from({ length: 6 }, () => post(school('幂等测试小学乙'), key)))
  for (const a of answers) assert.equal(a.status, 201, a.text)
  assert.equal(new Set(answers.map((a) => a.json.id)).size, 1)
  assert.equal(await count('幂等测试小学乙'), 1)
})

test('the same key with another request is refused and changes nothing', async () => {
  const key = 'form-reused-0003'
  assertOk(await post(school('幂等测试小学丙'), key), 201)
  const res = await post(school('幂等测试小学丁'), key)
  assertError(res, 422, 'validation', ['Idempotency-Key'])
  assert.equal(await count('幂等测试小学丁'), 0)
  // Malformed keys are refused before anything runs.
  assertError(await post(school('幂等测试小学戊'), 'x'.repeat(201)), 400, 'malformed', ['Idempotency-Key'])
  assertError(await post(school('幂等测试小学戊'), 'key with spaces'), 400, 'malformed', ['Idempotency-Key'])
  assert.equal(await count('幂等测试小学戊'), 0)
})

test('keys are per user; a refused request keeps no answer; without a key each POST runs', async () => {
  const key = 'shared-key-0004'
  assertOk(await post(school('幂等测试小学己'), key), 201)
  // Another user's request with the same key is theirs: refused for scope, and not replayed.
  assertError(await post(school('幂等测试小学己'), key, s.huocheng), 403, 'forbidden')
  // An error is not kept: after fixing the input, the same key runs the request.
  const bad = { ...school('幂等测试小学庚'), kind: 'castle' }
  assertError(await post(bad, 'fix-then-retry-0005'), 422, 'validation', ['kind'])
  assertError(await post(bad, 'fix-then-retry-0005'), 422, 'validation', ['kind'])
  assertOk(await post(school('幂等测试小学辛'), 'plain-0006'), 201)
  // Without a key the second POST runs again: here the registry's own duplicate check refuses it.
  assertOk(await post(school('幂等测试小学壬')), 201)
  assertError(await post(school('幂等测试小学壬')), 409, 'conflict', ['name'])
  assert.equal(await count('幂等测试小学壬'), 1)
})

test('the answer survives a kill -9 of the server', async () => {
  const key = 'form-restart-0007'
  const first = assertOk(await post(school('幂等测试小学癸'), key), 201)
  // The server dies after answering (the client may not have read the answer), another one
  // serves the same database; sessions live in the database.
  h.server.child.kill('SIGKILL')
  await h.server.stop()
  const other = await h.serveAgain()
  const again = await other.post('/api/v1/institutions', school('幂等测试小学癸'),
    { session: s.tongcheng, headers: { 'Idempotency-Key': key } })
  assert.equal(again.status, 201, again.text)
  assert.equal(again.headers.get('idempotent-replayed'), 'true')
  assert.equal(again.json.id, first.id)
  const page = assertOk(await other.get(`/api/v1/institutions?q=${encodeURIComponent('幂等测试小学癸')}`, { session: s.admin }))
  assert.equal(page.items.length, 1)
})
