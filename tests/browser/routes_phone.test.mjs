// Every route on a phone (390×844) for the system admin and the teacher: nothing makes the phone
// scroll sideways; and every route for the teacher in English (issue 20).
// Run: BANGFU_BIN=build/src/cli/bangfu node --test tests/browser/routes_phone.test.mjs
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { PHONE, openSession, startServer } from './harness.mjs'
import { routerPaths, walk, wanted } from './routes.mjs'

describe('every route on a phone and in English', { timeout: 900_000 }, () => {
  let server
  before(async () => {
    server = await startServer({ fullDemo: true })
  })
  after(async () => {
    await server?.stop()
  })

  // Every page on a phone (the system admin reaches them all; the teacher's own): nothing makes
  // the phone scroll sideways.
  for (const username of ['admin', 'teacher1'].filter((u) => wanted(`${u}/phone`))) {
    test(`every route at 390×844 for ${username}: no sideways scrolling`, async () => {
      const s = await openSession({ username, server, viewport: PHONE })
      try {
        assert.deepEqual(await walk(s, `${username}/phone`, routerPaths(), { phone: true }), [])
      } finally {
        await s.close()
      }
    })
  }

  test('the teacher in English: every route opens cleanly', { skip: !wanted('teacher1/en') }, async () => {
    const s = await openSession({ username: 'teacher1', server })
    try {
      await s.page.click('[data-test="lang-en"]')
      const found = await walk(s, 'teacher/en', routerPaths())
      assert.deepEqual(found, [])
    } finally {
      await s.close()
    }
  })
})
