// Authentication: login, sessions and their cookie, CSRF, expiry, logout, login throttling and
// API tokens.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { PASSWORD, assertError, assertOk, setup, sleep } from './harness.mjs'

let h
let s // sessions by username, logged in once
before(async () => {
  h = await setup()
  s = await h.loginAll(['admin', 'tongcheng', 'shiyan'])
})
after(async () => {
  await h?.close()
})

test('login answers {user, csrf_token} and sets an HttpOnly, SameSite=Strict session cookie', async () => {
  const res = await h.post('/api/v1/auth/login', { username: 'teacher1', password: PASSWORD })
  const body = assertOk(res)
  assert.equal(body.user.username, 'teacher1')
  assert.equal(body.user.role, 'teacher')
  assert.equal(typeof body.user.id, 'number')
  assert.equal(body.user.region, null)
  assert.equal(typeof body.user.institution, 'number')
  assert.equal(typeof body.user.staff, 'number', 'teacher1 is linked to her staff record')
  assert.ok(body.csrf_token.length >= 16)
  const cookie = res.headers.get('set-cookie')
  assert.match(cookie, /^bangfu_session=[^;]{16,};/)
  assert.match(cookie, /; HttpOnly/)
  assert.match(cookie, /; SameSite=Strict/)
  assert.match(cookie, /; Path=\//)
  assert.match(cookie, /; Max-Age=3600/, 'the cookie lives as long as the session (--session-ttl)')
  assert.doesNotMatch(cookie, /Secure/, 'no Secure flag without --secure-cookies')
})

test('a wrong password and an unknown user get the same 401, and no cookie', async () => {
  const wrong = await h.post('/api/v1/auth/login', { username: 'yeji', password: 'Wrong@2026' })
  assertError(wrong, 401, 'unauthenticated')
  assert.equal(wrong.headers.get('set-cookie'), null)
  const unknown = await h.post('/api/v1/auth/login', { username: 'nobody_here', password: 'Wrong@2026' })
  assertError(unknown, 401, 'unauthenticated')
  assert.equal(unknown.json.error.message, wrong.json.error.message, 'must not reveal which usernames exist')
  assert.equal(unknown.headers.get('set-cookie'), null)
})

test('login refuses malformed, mistyped, incomplete and unknown input', async () => {
  const malformed = await h.post('/api/v1/auth/login', '{"username": "admin", ', { headers: { 'content-type': 'application/json' } })
  assertError(malformed, 400, 'malformed')
  assertError(await h.post('/api/v1/auth/login', '["admin"]', { headers: { 'content-type': 'application/json' } }), 400, 'malformed')
  assertError(await h.post('/api/v1/auth/login', ''), 400, 'malformed')
  assertError(await h.post('/api/v1/auth/login', { username: 123, password: PASSWORD }), 422, 'validation', ['username'])
  assertError(await h.post('/api/v1/auth/login', { username: 'admin' }), 422, 'validation', ['password'])
  const unknown = await h.post('/api/v1/auth/login', { username: 'admin', password: PASSWORD, remember: true })
  assertError(unknown, 422, 'validation', ['remember'])
  assert.equal(unknown.headers.get('set-cookie'), null)
})

test('a JSON body over 1 MiB is a 413', async () => {
  const res = await h.post('/api/v1/auth/login', { username: 'admin', password: 'x'.repeat(1024 * 1024 + 1) })
  assertError(res, 413, 'too_large')
})

test('GET /auth/me gives the user and the session\'s CSRF token', async () => {
  const res = await h.get('/api/v1/auth/me', { session: s.shiyan })
  const body = assertOk(res)
  assert.equal(body.user.username, 'shiyan')
  assert.equal(body.user.role, 'institution_admin')
  assert.equal(body.user.display_name, '通城县实验小学办公室')
  assert.equal(body.csrf_token, s.shiyan.csrf)
  assertError(await h.get('/api/v1/auth/me'), 401, 'unauthenticated')
})

test('a cookie-authenticated POST, PATCH or DELETE without the CSRF header is a 403 csrf_missing and changes nothing', async () => {
  const wantouList = assertOk(await h.get('/api/v1/institutions?q=' + encodeURIComponent('五里镇湾头小学'), { session: s.tongcheng }))
  const wantou = wantouList.items[0]
  const token = assertOk(await h.post('/api/v1/auth/tokens', { name: 'csrf-check' }, { session: s.tongcheng }), 201)

  const newSchool = { name: 'CSRF测试小学', kind: 'primary', locality: 'rural', region: '421222105' }
  const post = await h.post('/api/v1/institutions', newSchool, { session: s.tongcheng, csrf: false })
  assertError(post, 403, 'csrf_missing')
  const patch = await h.patch(`/api/v1/institutions/${wantou.id}`, { student_count: 1 }, { session: s.tongcheng, csrf: false })
  assertError(patch, 403, 'csrf_missing')
  const del = await h.del(`/api/v1/auth/tokens/${token.id}`, { session: s.tongcheng, csrf: false })
  assertError(del, 403, 'csrf_missing')
  // A wrong token is as good as none.
  const wrong = await h.patch(`/api/v1/institutions/${wantou.id}`, { student_count: 1 },
    { session: s.tongcheng, csrf: false, headers: { 'X-CSRF-Token': s.admin.csrf } })
  assertError(wrong, 403, 'csrf_missing')

  // Nothing changed.
  const after = assertOk(await h.get(`/api/v1/institutions/${wantou.id}`, { session: s.tongcheng }))
  assert.equal(after.student_count, wantou.student_count)
  assert.equal(assertOk(await h.get('/api/v1/institutions?q=CSRF', { session: s.tongcheng })).total, 0)
  const tokens = assertOk(await h.get('/api/v1/auth/tokens', { session: s.tongcheng }))
  assert.equal(tokens.items.find((t) => t.id === token.id).revoked, false)

  // GET needs no CSRF header.
  assertOk(await h.get('/api/v1/institutions', { session: s.tongcheng, csrf: false }))
  // With the header the same requests go through.
  assertOk(await h.post('/api/v1/institutions', newSchool, { session: s.tongcheng }), 201)
})

test('the same unsafe requests with Authorization: Bearer need no CSRF header', async () => {
  const created = assertOk(await h.post('/api/v1/auth/tokens', { name: '脚本' }, { session: s.tongcheng }), 201)
  const bearer = { token: created.token }
  const school = assertOk(await h.post('/api/v1/institutions',
    { name: 'Bearer测试小学', kind: 'primary', locality: 'rural', region: '421222105' }, bearer), 201)
  assert.equal(school.name, 'Bearer测试小学')
  const patched = assertOk(await h.patch(`/api/v1/institutions/${school.id}`, { student_count: 12 }, bearer))
  assert.equal(patched.student_count, 12)
  assert.equal((await h.del(`/api/v1/institutions/${school.id}`, bearer)).status, 204)
  assertError(await h.get(`/api/v1/institutions/${school.id}`, bearer), 404, 'not_found')
  // The audit log names the token's owner.
  const audit = assertOk(await h.get(`/api/v1/audit?entity=institution&entity_id=${school.id}`, { session: s.admin }))
  assert.deepEqual(audit.items.map((e) => [e.action, e.username]), [['delete', 'tongcheng'], ['update', 'tongcheng'], ['create', 'tongcheng']])
  // A token is not a session: /auth/me works, without a CSRF token.
  const me = assertOk(await h.get('/api/v1/auth/me', bearer))
  assert.equal(me.user.username, 'tongcheng')
  assert.equal(me.csrf_token, '')
})

test('API tokens: created (shown once), listed without their value, revoked → 401 afterwards', async () => {
  const res = await h.post('/api/v1/auth/tokens', { name: '  数据同步 ' }, { session: s.shiyan })
  const t = assertOk(res, 201)
  assert.deepEqual(Object.keys(t).sort(), ['created_at', 'id', 'last_used_at', 'name', 'revoked', 'token'])
  assert.equal(t.name, '数据同步', 'the name is trimmed')
  assert.match(t.token, /^bf_[A-Za-z0-9_-]{20,}$/)
  assert.match(t.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
  assert.equal(t.revoked, false)

  // Works as a bearer token.
  const me = assertOk(await h.get('/api/v1/auth/me', { token: t.token }))
  assert.equal(me.user.username, 'shiyan')

  const list = assertOk(await h.get('/api/v1/auth/tokens', { session: s.shiyan }))
  const item = list.items.find((x) => x.id === t.id)
  assert.ok(item, JSON.stringify(list))
  assert.deepEqual(Object.keys(item).sort(), ['created_at', 'id', 'last_used_at', 'name', 'revoked'])
  assert.equal(item.name, '数据同步')
  assert.equal(item.revoked, false)
  assert.match(item.last_used_at, /^\d{4}-\d\d-\d\dT/, 'use of the token is recorded')
  assert.ok(!list.items.some((x) => 'token' in x))
  assert.ok(!JSON.stringify(list).includes(t.token), 'the token value is never listed')
  // Tokens are personal: another user's list does not show it, and they cannot revoke it.
  const other = assertOk(await h.get('/api/v1/auth/tokens', { session: s.tongcheng }))
  assert.ok(!other.items.some((x) => x.id === t.id))
  assertError(await h.del(`/api/v1/auth/tokens/${t.id}`, { session: s.tongcheng }), 403, 'forbidden')
  assertOk(await h.get('/api/v1/auth/me', { token: t.token }))

  const revoke = await h.del(`/api/v1/auth/tokens/${t.id}`, { session: s.shiyan })
  assert.equal(revoke.status, 204)
  assert.equal(revoke.text, '')
  assertError(await h.get('/api/v1/auth/me', { token: t.token }), 401, 'unauthenticated')
  assertError(await h.get('/api/v1/institutions', { token: t.token }), 401, 'unauthenticated')
  const afterList = assertOk(await h.get('/api/v1/auth/tokens', { session: s.shiyan }))
  assert.equal(afterList.items.find((x) => x.id === t.id).revoked, true)
  // Revoking again is harmless; unknown ids are 404.
  assert.equal((await h.del(`/api/v1/auth/tokens/${t.id}`, { session: s.shiyan })).status, 204)
  assertError(await h.del('/api/v1/auth/tokens/999999', { session: s.shiyan }), 404, 'not_found')
  assertError(await h.del('/api/v1/auth/tokens/abc', { session: s.shiyan }), 404, 'not_found')
})

test('token creation refuses an empty name, a wrong type and unknown fields', async () => {
  assertError(await h.post('/api/v1/auth/tokens', { name: '   ' }, { session: s.shiyan }), 422, 'validation', ['name'])
  assertError(await h.post('/api/v1/auth/tokens', { name: 42 }, { session: s.shiyan }), 422, 'validation', ['name'])
  assertError(await h.post('/api/v1/auth/tokens', { name: 'x'.repeat(65) }, { session: s.shiyan }), 422, 'validation', ['name'])
  assertError(await h.post('/api/v1/auth/tokens', { name: 'ok', scope: 'all' }, { session: s.shiyan }), 422, 'validation', ['scope'])
  assertError(await h.post('/api/v1/auth/tokens', '{name:', { session: s.shiyan, headers: { 'content-type': 'application/json' } }), 400, 'malformed')
  const list = assertOk(await h.get('/api/v1/auth/tokens', { session: s.shiyan }))
  assert.ok(!list.items.some((x) => x.name === 'ok' || x.name === 'x'.repeat(65)))
})

test('logout ends the session (204, cookie cleared); other sessions of the user stay valid', async () => {
  const a = await h.login('pengzhou')
  const b = await h.login('pengzhou')
  assertOk(await h.get('/api/v1/auth/me', { session: a }))
  const res = await h.post('/api/v1/auth/logout', undefined, { session: a })
  assert.equal(res.status, 204)
  assert.match(res.headers.get('set-cookie'), /^bangfu_session=;.*Max-Age=0/)
  assertError(await h.get('/api/v1/auth/me', { session: a }), 401, 'unauthenticated')
  assertError(await h.get('/api/v1/institutions', { session: a }), 401, 'unauthenticated')
  // An unsafe request with the dead session is a 401 too (not a CSRF refusal).
  assertError(await h.post('/api/v1/auth/tokens', { name: 'x' }, { session: a }), 401, 'unauthenticated')
  assertOk(await h.get('/api/v1/auth/me', { session: b }))
  // Logging out without a session is harmless.
  assert.equal((await h.post('/api/v1/auth/logout')).status, 204)
})

test('logout with the session cookie but without the CSRF header is refused (403 csrf_missing)', async () => {
  const a = await h.login('fengqi')
  const res = await h.post('/api/v1/auth/logout', undefined, { session: a, csrf: false })
  assertError(res, 403, 'csrf_missing')
  assertOk(await h.get('/api/v1/auth/me', { session: a }))
})

test('a session expires after --session-ttl seconds (401 afterwards)', async () => {
  // A second server on the same database whose sessions live 3 s.
  const short = await h.serveAgain({ sessionTtl: 3 })
  const session = await short.login('wuxi')
  assert.match(session.setCookie, /Max-Age=3(;|$)/)
  assertOk(await short.get('/api/v1/auth/me', { session }))
  await sleep(3600) // expiry has a resolution of one second
  assertError(await short.get('/api/v1/auth/me', { session }), 401, 'unauthenticated')
  assertError(await short.post('/api/v1/auth/tokens', { name: 'late' }, { session }), 401, 'unauthenticated')
  // The expired session is dead on every server of the database.
  assertError(await h.get('/api/v1/auth/me', { session }), 401, 'unauthenticated')
  await short.server.stop()
})

test('login throttling: after 3 failures the account is locked (429) even with the right password', async () => {
  for (let i = 0; i < 3; i++) {
    assertError(await h.post('/api/v1/auth/login', { username: 'meicun', password: `Wrong@${i}` }), 401, 'unauthenticated')
  }
  const locked = await h.post('/api/v1/auth/login', { username: 'meicun', password: PASSWORD })
  assertError(locked, 429, 'throttled')
  assert.equal(locked.headers.get('set-cookie'), null)
  assertError(await h.post('/api/v1/auth/login', { username: 'meicun', password: 'Wrong@9' }), 429, 'throttled')
  // Other accounts are not affected.
  assertOk(await h.post('/api/v1/auth/login', { username: 'sanyuan', password: PASSWORD }))
  // The failures are in the audit log.
  const me = assertOk(await h.get('/api/v1/users?q=meicun', { session: s.admin })).items[0]
  const audit = assertOk(await h.get(`/api/v1/audit?action=login_failed&entity=user&entity_id=${me.id}`, { session: s.admin }))
  assert.equal(audit.total, 3)
})

test('failures below the limit are forgotten after a successful login', async () => {
  for (let i = 0; i < 2; i++) {
    assertError(await h.post('/api/v1/auth/login', { username: 'huocheng2z', password: 'Wrong@2025' }), 401, 'unauthenticated')
  }
  assertOk(await h.post('/api/v1/auth/login', { username: 'huocheng2z', password: PASSWORD }))
  for (let i = 0; i < 2; i++) {
    assertError(await h.post('/api/v1/auth/login', { username: 'huocheng2z', password: 'Wrong@2025' }), 401, 'unauthenticated')
  }
  assertOk(await h.post('/api/v1/auth/login', { username: 'huocheng2z', password: PASSWORD }))
})

test('SIGTERM shuts the server down gracefully (exit code 0)', async () => {
  const r = await h.server.stop()
  assert.deepEqual(r, { code: 0, signal: null }, h.server.output())
})
