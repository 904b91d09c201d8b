// Authentication: login, sessions and their cookie, CSRF, expiry, logout, login throttling (per
// name and address, per address, on threads of their own) and API tokens.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { DEFAULT_SERVE_ARGS, PASSWORD, assertError, assertOk, setup, sleep } from './harness.mjs'

let h
let s // sessions by username, logged in once
before(async () => {
  h = await setup({ args: [...DEFAULT_SERVE_ARGS, '--trusted-proxy', '127.0.0.1'] })
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

// The server trusts 127.0.0.1 as a proxy (see before()), so X-Forwarded-For plays the client's
// address: an attacker's, the owner's. Throttling is tested on a server of its own whose first
// delay (10 min, after 1 free failure) outlasts any slowness of the test machine; that delays
// double is core's and the store's to test (login_throttle_test, auth_repository_test).
const from = (address) => ({ headers: { 'x-forwarded-for': address } })
let strict
const tryLogin = (username, password, address) =>
  strict.post('/api/v1/auth/login', { username, password }, from(address))

test('throttling: after the free failures a name waits from that address only; the owner elsewhere is not locked out', async () => {
  strict = await h.serveAgain({
    args: ['--trusted-proxy', '127.0.0.1', '--login-free-failures', '1', '--login-first-delay', '600', '--login-max-delay', '600'],
  })
  const attacker = '10.1.1.1'
  for (let i = 0; i < 2; i++) assertError(await tryLogin('meicun', `Wrong@${i}`, attacker), 401, 'unauthenticated')
  // The 2nd failure set a 600 s delay: even the right password waits, told how long.
  const waiting = await tryLogin('meicun', PASSWORD, attacker)
  assertError(waiting, 429, 'throttled')
  const retry = Number(waiting.headers.get('retry-after'))
  assert.ok(retry > 590 && retry <= 601, `Retry-After ${retry}`)
  assert.match(waiting.json.error.message, /请 \d+ 秒后再试/)
  assert.equal(waiting.headers.get('set-cookie'), null)
  assertError(await tryLogin('meicun', 'Wrong@5', attacker), 429, 'throttled')
  // The owner, from her own address, logs in: the guessing locked nobody out.
  assertOk(await tryLogin('meicun', PASSWORD, '10.2.2.2'))
  // Other names from the attacker's address are not affected either.
  assertOk(await tryLogin('sanyuan', PASSWORD, attacker))
  // Each failure is in the audit log, with the address; the refused tries are not failures.
  const me = assertOk(await h.get('/api/v1/users?q=meicun', { session: s.admin })).items[0]
  const audit = assertOk(await h.get(`/api/v1/audit?action=login_failed&entity=user&entity_id=${me.id}`, { session: s.admin }))
  assert.equal(audit.total, 2)
  assert.equal(audit.items[0].after.client, attacker)
})

test('an unknown name gets exactly the answers a known one gets, throttling included', async () => {
  const address = '10.3.3.3'
  const seen = { known: [], unknown: [] }
  for (const [kind, name] of [['known', 'fengqi'], ['unknown', 'no_such_user']]) {
    for (let i = 0; i < 4; i++) {
      const r = await tryLogin(name, `Wrong@${i}`, address)
      // The seconds to wait depend on where in its second a try falls: compared as a shape.
      seen[kind].push([r.status, r.json.error.code, r.json.error.message.replace(/\d+/g, 'N'), r.headers.has('retry-after')])
    }
  }
  assert.deepEqual(seen.unknown, seen.known)
  assert.deepEqual(seen.known.map((x) => x[0]), [401, 401, 429, 429])
})

test('an unknown name costs what a wrong password costs (the password is hashed either way)', async () => {
  // Medians of 5 tries, each from an address of its own so that no delay interferes. Without
  // the dummy hash an unknown name answers in about a millisecond instead of an Argon2id's time.
  const time = async (name, i) => {
    const t0 = performance.now()
    assertError(await tryLogin(name, 'Wrong@2026', `10.4.${name.length}.${i}`), 401, 'unauthenticated')
    return performance.now() - t0
  }
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const known = []
  const unknown = []
  for (let i = 0; i < 5; i++) {
    known.push(await time('wuxi', i))
    unknown.push(await time('nobody_at_all', i))
  }
  // Wide bounds, for a loaded test machine: what they catch is the 100-fold gap of a skipped hash.
  const ratio = median(unknown) / median(known)
  assert.ok(ratio > 0.2 && ratio < 5, `unknown ${median(unknown).toFixed(1)} ms, known ${median(known).toFixed(1)} ms`)
})

test('a system admin sees and clears throttles; others may not', async () => {
  for (let i = 0; i < 3; i++) await tryLogin('huocheng', `Wrong@${i}`, '10.5.5.5')
  for (let i = 0; i < 2; i++) await tryLogin('ghost_name', `Wrong@${i}`, '10.5.5.6')
  const admin = await strict.login('admin')
  const list = assertOk(await strict.get('/api/v1/auth/throttles', { session: admin }))
  const mine = list.items.find((t) => t.username === 'huocheng' && t.client === '10.5.5.5')
  assert.ok(mine, JSON.stringify(list.items))
  assert.equal(mine.failures, 2, 'the 3rd try was refused unhashed: not a failure')
  assert.equal(typeof mine.user_id, 'number')
  assert.ok(mine.blocked_until > mine.last_failure_at)
  const ghost = list.items.find((t) => t.username === 'ghost_name')
  assert.equal(ghost.user_id, null, 'a name no account has')
  const tongcheng = await strict.login('tongcheng')
  assertError(await strict.get('/api/v1/auth/throttles', { session: tongcheng }), 403, 'forbidden')
  assertError(await strict.del('/api/v1/auth/throttles?username=huocheng', { session: tongcheng }), 403, 'forbidden')
  assertError(await strict.del('/api/v1/auth/throttles', { session: admin }), 422, 'validation', ['username'])
  assertError(await strict.del('/api/v1/auth/throttles?username=huocheng&client=', { session: admin }), 422, 'validation', ['client'])
  assertError(await strict.del('/api/v1/auth/throttles?username=nobody_throttled', { session: admin }), 404, 'not_found')
  assertError(await tryLogin('huocheng', PASSWORD, '10.5.5.5'), 429, 'throttled')
  assert.deepEqual(assertOk(await strict.del('/api/v1/auth/throttles?username=huocheng&client=10.5.5.5', { session: admin })), { cleared: 1 })
  assertOk(await tryLogin('huocheng', PASSWORD, '10.5.5.5'))
  const audit = assertOk(await strict.get('/api/v1/audit?action=clear_throttle', { session: admin }))
  assert.equal(audit.items[0].entity_id, 'huocheng')
  assert.equal(audit.items[0].after.client, '10.5.5.5')
})

test('failures below the limit are forgotten after a successful login from that address', async () => {
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < 3; i++) {
      assertError(await h.post('/api/v1/auth/login', { username: 'huocheng2z', password: 'Wrong@2025' }), 401, 'unauthenticated')
    }
    assertOk(await h.post('/api/v1/auth/login', { username: 'huocheng2z', password: PASSWORD }))
  }
})

test('each address may start so many logins a minute; a flood of logins waits on its own threads and is bounded', async () => {
  const limited = await h.serveAgain({
    args: [...DEFAULT_SERVE_ARGS, '--trusted-proxy', '127.0.0.1', '--login-rate', '3', '--login-workers', '1', '--login-queue', '3'],
  })
  const login = (address) => limited.post('/api/v1/auth/login', { username: 'admin', password: PASSWORD }, from(address))
  for (let i = 0; i < 3; i++) assertOk(await login('10.6.6.6'))
  const refused = await login('10.6.6.6')
  assertError(refused, 429, 'throttled')
  assert.match(refused.json.error.message, /来自该地址的登录过于频繁/)
  assert.ok(Number(refused.headers.get('retry-after')) >= 1)
  assertOk(await login('10.6.6.7'), 200, 'another address is not affected')

  // 12 logins at once from 12 addresses: one login thread, 3 may wait, the rest get 503 at once.
  const session = await limited.login('tongcheng')
  const started = performance.now()
  const flood = Array.from({ length: 12 }, (_, i) =>
    login(`10.7.7.${i}`).then((r) => ({ status: r.status, retry: r.headers.get('retry-after'), at: performance.now() - started })))
  await sleep(20)
  // Meanwhile other requests are answered by the workers, not behind the hashing.
  const me = []
  for (let i = 0; i < 3; i++) {
    assertOk(await limited.get('/api/v1/auth/me', { session }))
    me.push(performance.now() - started)
  }
  const results = await Promise.all(flood)
  const ok = results.filter((r) => r.status === 200)
  const busy = results.filter((r) => r.status === 503)
  assert.equal(ok.length + busy.length, 12, JSON.stringify(results))
  assert.ok(busy.length >= 1 && busy.every((r) => r.retry === '1'), JSON.stringify(results))
  assert.ok(ok.length >= 2, JSON.stringify(results))
  const lastLogin = Math.max(...ok.map((r) => r.at))
  assert.ok(Math.max(...me) < lastLogin, `/auth/me at ${me.map(Math.round)} ms, last login at ${Math.round(lastLogin)} ms`)
})

test('SIGTERM shuts the server down gracefully (exit code 0)', async () => {
  const r = await h.server.stop()
  assert.deepEqual(r, { code: 0, signal: null }, h.server.output())
})
