// Meta endpoints and the server's generic answers: health, OpenAPI, dictionaries, unknown paths,
// wrong methods, the missing web UI, authentication required on every protected route, and a
// graceful shutdown.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { after, before, test } from 'node:test'

import { ROOT, assertError, assertOk, setup } from './harness.mjs'

// The route table of the server, read from its source so the tests follow it.
function routesFromSource() {
  const src = fs.readFileSync(path.join(ROOT, 'src', 'http', 'routes.cpp'), 'utf8')
  const routes = [...src.matchAll(/Route\{"([A-Z]+)",\s*"([^"]+)",\s*[\w:]+,\s*(true|false)/g)].map((m) => ({
    method: m[1],
    pattern: m[2],
    auth: m[3] === 'true',
  }))
  assert.ok(routes.length >= 40, `only ${routes.length} routes parsed from routes.cpp`)
  return routes
}

let h
before(async () => {
  h = await setup()
})
after(async () => {
  await h?.close()
})

test('GET /healthz answers 200 {"status":"ok"} without a login', async () => {
  const res = await h.get('/healthz')
  assertOk(res)
  assert.match(res.headers.get('content-type'), /^application\/json/)
  assert.equal(res.json.status, 'ok')
})

test('HEAD /healthz answers 200 with no body', async () => {
  const res = await h.api('HEAD', '/healthz')
  assert.equal(res.status, 200)
  assert.equal(res.bytes.length, 0)
})

test('GET /api/v1/openapi.json is OpenAPI 3.x and documents every route of routes.cpp', async () => {
  const res = await h.get('/api/v1/openapi.json')
  assertOk(res)
  assert.match(res.headers.get('content-type'), /^application\/json/)
  const doc = JSON.parse(res.text)
  assert.match(doc.openapi, /^3\.\d+/)
  assert.equal(typeof doc.info?.title, 'string')
  assert.equal(typeof doc.paths, 'object')
  const missing = []
  for (const r of routesFromSource()) {
    const op = doc.paths[r.pattern]?.[r.method.toLowerCase()]
    if (!op) missing.push(`${r.method} ${r.pattern}`)
  }
  assert.deepEqual(missing, [], 'routes missing from the OpenAPI document')
  // Path parameters are declared.
  const get = doc.paths['/api/v1/institutions/{id}'].get
  assert.ok(get.parameters.some((p) => p.name === 'id' && p.in === 'path'), JSON.stringify(get.parameters))
  for (const name of ['Institution', 'Staff', 'User', 'Region', 'Error']) {
    assert.ok(doc.components?.schemas?.[name], `schema ${name} missing`)
  }
})

test('GET /api/v1/dictionaries gives every enumeration with zh and en labels, without a login', async () => {
  const res = await h.get('/api/v1/dictionaries')
  const d = assertOk(res)
  for (const key of ['kind', 'locality', 'level', 'role', 'user_role', 'subject', 'title', 'backbone', 'health', 'gender']) {
    assert.ok(Array.isArray(d[key]) && d[key].length > 0, `dictionary ${key} missing`)
    for (const o of d[key]) {
      assert.deepEqual(Object.keys(o).sort(), ['en', 'value', 'zh'], `${key}: ${JSON.stringify(o)}`)
    }
  }
  assert.deepEqual(
    d.kind.map((o) => o.value).sort(),
    ['bureau', 'complete_middle', 'hospital', 'junior', 'kindergarten', 'nine_year', 'primary', 'senior',
      'special', 'university', 'village', 'vocational'],
  )
  assert.equal(d.kind.find((o) => o.value === 'primary').zh, '小学')
  assert.deepEqual(d.user_role.map((o) => o.value).sort(),
    ['bureau_admin', 'inspector', 'institution_admin', 'system_admin', 'teacher'])
  assert.ok(d.subject.some((o) => o.value === 'math' && o.zh === '数学'))
})

test('an unknown /api path is a 404 JSON error (Chinese by default, English on request)', async () => {
  for (const p of ['/api/v1/nope', '/api/v2/institutions', '/api/v1/institutions/1/staff', '/api/']) {
    const res = await h.get(p)
    assertError(res, 404, 'not_found')
    assert.match(res.headers.get('content-type'), /^application\/json/)
  }
  const zh = await h.get('/api/v1/nope')
  assert.match(zh.json.error.message, /[\u4e00-\u9fff]/, 'default message should be Chinese')
  const en = await h.get('/api/v1/nope', { headers: { 'accept-language': 'en-US,en;q=0.9' } })
  assertError(en, 404, 'not_found')
  assert.match(en.json.error.message, /^[\x20-\x7e]+$/, `English message expected: ${en.json.error.message}`)
})

test('a known path with a wrong method is a 405 JSON error', async () => {
  for (const [method, p] of [
    ['PUT', '/api/v1/institutions/1'],
    ['DELETE', '/api/v1/institutions'],
    ['POST', '/healthz'],
    ['PATCH', '/api/v1/audit'],
    ['POST', '/api/v1/openapi.json'],
    ['GET', '/api/v1/auth/logout'],
  ]) {
    const res = await h.api(method, p)
    assertError(res, 405, 'method_not_allowed')
  }
})

test('GET / without a built web UI answers 503 with a plain-text explanation', async () => {
  for (const p of ['/', '/institutions', '/index.html']) {
    const res = await h.get(p)
    assert.equal(res.status, 503, `${p}: ${res.text}`)
    assert.match(res.headers.get('content-type'), /^text\/plain/)
    assert.match(res.text, /npm run build/)
  }
})

test('API answers carry no-store and the security headers', async () => {
  const res = await h.get('/api/v1/dictionaries')
  assert.equal(res.headers.get('cache-control'), 'no-store')
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff')
  assert.equal(res.headers.get('x-frame-options'), 'DENY')
})

test('every protected route answers 401 without credentials (and 401, not 403, for unsafe methods)', async () => {
  const protectedRoutes = routesFromSource().filter((r) => r.auth)
  assert.ok(protectedRoutes.length >= 35)
  for (const r of protectedRoutes) {
    const p = r.pattern.replace('{id}', '1').replace('{code}', '421222')
    const res = await h.api(r.method, p, r.method === 'GET' || r.method === 'DELETE' ? {} : { body: {} })
    assertError(res, 401, 'unauthenticated')
  }
  // Routes that need no login: everything else of the table.
  for (const r of routesFromSource().filter((x) => !x.auth && x.method === 'GET')) {
    assert.equal((await h.get(r.pattern)).status, 200, r.pattern)
  }
})

test('a garbage session cookie or bearer token is a 401', async () => {
  assertError(await h.get('/api/v1/auth/me', { headers: { cookie: 'bangfu_session=not-a-session' } }), 401, 'unauthenticated')
  assertError(await h.get('/api/v1/institutions', { headers: { authorization: 'Bearer bf_nope' } }), 401, 'unauthenticated')
})

test('admins extend the pairing dimensions, activity types and material categories; others may not', async () => {
  const { admin, tongcheng, shiyan, inspector } = await h.loginAll(['admin', 'tongcheng', 'shiyan', 'inspector'])
  const url = '/api/v1/dictionaries/activity_type/entries'
  const entry = { value: 'joint_sports_meet', zh: '联合运动会', en: 'Joint sports meeting' }
  assertError(await h.post(url, entry, { session: shiyan }), 403, 'forbidden')
  assertError(await h.post(url, entry, { session: inspector }), 403, 'forbidden')
  assertError(await h.post(url, entry), 401, 'unauthenticated')
  assertError(await h.post('/api/v1/dictionaries/gender/entries', entry, { session: admin }), 404, 'not_found')
  const bad = await h.post(url, { value: 'Bad Code', zh: '示范课', en: '' }, { session: tongcheng })
  assertError(bad, 422, 'validation', ['value', 'zh', 'en'])
  assertError(await h.post(url, { ...entry, colour: 'red' }, { session: tongcheng }), 422, 'validation', ['colour'])

  const created = assertOk(await h.post(url, entry, { session: tongcheng }), 201)
  assert.deepEqual(created, { ...entry, builtin: false })
  assertError(await h.post(url, entry, { session: admin }), 422, 'validation', ['value', 'zh', 'en'])
  const d = assertOk(await h.get('/api/v1/dictionaries'))
  const added = d.activity_type.find((o) => o.value === 'joint_sports_meet')
  assert.deepEqual(added, { ...entry, builtin: false })
  assert.equal(d.activity_type.find((o) => o.value === 'demonstration_class').builtin, true)
  for (const key of ['program_kind', 'pairing_dimension', 'plan_kind', 'donation_kind', 'material_category', 'resource_kind', 'stage']) {
    assert.ok(d[key]?.length > 0, `dictionary ${key} missing`)
  }
})

// Sends raw bytes on a connection of its own; resolves to everything the server sent back before
// closing it (or after 3 s).
function raw(bytes) {
  return new Promise((resolve, reject) => {
    const url = new URL(h.base)
    const socket = net.connect(Number(url.port), url.hostname, () => socket.write(bytes))
    let answer = ''
    socket.setEncoding('utf8')
    socket.on('data', (d) => { answer += d })
    socket.on('error', reject)
    socket.on('close', () => resolve(answer))
    setTimeout(() => { socket.destroy(); resolve(answer) }, 3000)
  })
}

test('malformed framing is answered 400, then the connection is closed', async () => {
  const cases = {
    'two Content-Lengths': 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
    'a bad Content-Length': 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n{}',
    'a bad chunk size': 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
    'an unknown Transfer-Encoding': 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n',
  }
  for (const [what, bytes] of Object.entries(cases)) {
    const answer = await raw(bytes)
    assert.match(answer, /^HTTP\/1\.1 400 /, `${what}: ${answer.slice(0, 80) || '(closed without an answer)'}`)
    assert.match(answer, /"code":"malformed"/, what)
  }
  assertOk(await h.get('/healthz')) // and the server goes on
})

test('SIGTERM shuts the server down gracefully (exit code 0)', async () => {
  // A request is answered right before the signal, and nothing listens afterwards.
  assertOk(await h.get('/healthz'))
  const r = await h.server.stop()
  assert.deepEqual(r, { code: 0, signal: null }, h.server.output())
  await assert.rejects(fetch(h.base + '/healthz'))
})
