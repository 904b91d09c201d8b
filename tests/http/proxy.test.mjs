// Behind a reverse proxy (issue 17): the session cookie is Secure when the client reached a
// trusted proxy over TLS (X-Forwarded-Proto: https from an address given with --trusted-proxy);
// the same header from anyone else changes nothing.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { DEFAULT_SERVE_ARGS, PASSWORD, setup } from './harness.mjs'

let h
let behindProxy
before(async () => {
  h = await setup()
  behindProxy = await h.serveAgain({ args: [...DEFAULT_SERVE_ARGS, '--trusted-proxy', '127.0.0.1'] })
})
after(async () => {
  await h?.close()
})

const login = (client, headers) =>
  client.api('POST', '/api/v1/auth/login', { body: { username: 'tongcheng', password: PASSWORD }, headers })

test('Secure cookies through a trusted TLS proxy only', async () => {
  const viaTls = await login(behindProxy, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' })
  assert.equal(viaTls.status, 200, viaTls.text)
  assert.match(viaTls.headers.get('set-cookie'), /; Secure/)
  assert.match(viaTls.headers.get('set-cookie'), /HttpOnly; SameSite=Strict/)
  const viaPlain = await login(behindProxy, { 'x-forwarded-proto': 'http' })
  assert.doesNotMatch(viaPlain.headers.get('set-cookie'), /Secure/)
  // A server that trusts no proxy ignores the header (anyone can send it).
  const untrusted = await login(h, { 'x-forwarded-proto': 'https' })
  assert.equal(untrusted.status, 200)
  assert.doesNotMatch(untrusted.headers.get('set-cookie'), /Secure/)
})
