// A full disk (issue 17): writes are refused with 503 and a clear message (磁盘空间不足，数据未保存)
// and change nothing; reads go on; /healthz reports the degraded state; the log names the cause
// once, not per request. SQLite only: the hidden serve option --test-disk-full-after lets the
// database grow a few pages, then SQLite fails exactly as on a full disk (SQLITE_FULL).
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { DEFAULT_SERVE_ARGS, ENGINE, assertError, assertOk, serve, setup } from './harness.mjs'

const skip = ENGINE !== 'sqlite' && 'SQLite only (the simulated full disk is SQLite\'s page limit)'
let h
let server
before(async () => {
  if (skip) return
  h = await setup()
  server = await serve(h.bin, h.db.url, { args: [...DEFAULT_SERVE_ARGS, '--test-disk-full-after', '40'] })
})
after(async () => {
  await server?.stop()
  await h?.close()
})

test('writes on a full disk: 503, nothing saved, reads go on, /healthz degraded, logged once', { skip }, async () => {
  const api = async (method, path, body, session) => {
    const res = await fetch(server.url + path, {
      method,
      headers: { 'content-type': 'application/json', 'accept-language': 'zh', ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    const text = await res.text()
    return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined }
  }
  const login = await api('POST', '/api/v1/auth/login', { username: 'tongcheng', password: 'Bangfu@2026' })
  // The login itself writes (a session): it may already fail once the disk fills; here it fits.
  assert.equal(login.status, 200, login.text)
  const session = { cookie: `bangfu_session=${login.headers.get('set-cookie').match(/bangfu_session=([^;]*)/)[1]}`, csrf: login.json.csrf_token }
  let refused
  const created = []
  for (let i = 0; i < 400 && !refused; i++) {
    const res = await api('POST', '/api/v1/institutions', { name: `满盘测试小学${i}`, kind: 'primary', locality: 'rural', region: '421222105', address: '地址'.repeat(100) }, session)
    if (res.status === 201) created.push(res.json.id)
    else refused = res
  }
  assert.ok(refused, 'the database never filled up')
  assertError(refused, 503, 'unavailable')
  assert.equal(refused.json.error.message, '磁盘空间不足，数据未保存')
  assert.ok(refused.headers.get('retry-after'))
  // Nothing of the refused write was kept: every name found is one that was answered 201.
  const list = await api('GET', `/api/v1/institutions?q=${encodeURIComponent('满盘测试小学')}&page_size=200`, undefined, session)
  assert.equal(list.status, 200, 'reads go on')
  assert.equal(list.json.total, created.length)
  // Again: the same answer.
  const again = await api('POST', '/api/v1/institutions', { name: '满盘测试小学再试', kind: 'primary', locality: 'rural', region: '421222105', address: '地址'.repeat(100) }, session)
  assert.equal(again.status, 503)
  const health = await api('GET', '/healthz')
  assert.equal(health.status, 503)
  assert.equal(health.json.status, 'degraded')
  assert.equal(health.json.reason, '磁盘空间不足，数据未保存')
  const logged = server.output().match(/writes refused: The disk is full/g) || []
  assert.equal(logged.length, 1, server.output().slice(-800))
  // The limit is this process's: the harness's own server on the same file is healthy.
  assertOk(await h.get('/healthz'))
})
