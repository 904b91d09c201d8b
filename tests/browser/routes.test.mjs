// Every route of the router, for every role (issue 20): each page opens without a console error,
// without a failed request (the pages a role may not use are kept from it by the router), without
// an untranslated message key or a raw "undefined"/"NaN", with a placeholder on every empty
// selector, and never blank: a page with no figures, rows or chart says so (an empty state).
// menus.test.mjs checks each role's menu, routes_phone.test.mjs every page on a phone and in English.
// Run: BANGFU_BIN=build/src/cli/bangfu node --test tests/browser/routes.test.mjs
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { openSession, startServer } from './harness.mjs'
import { ROLES, routerPaths, walk, wanted } from './routes.mjs'

describe('every route for every role', { timeout: 900_000 }, () => {
  let server
  before(async () => {
    server = await startServer({ fullDemo: true })
  })
  after(async () => {
    await server?.stop()
  })

  for (const [username, role] of Object.entries(ROLES).filter(([u]) => wanted(u))) {
    test(`${role} (${username}): every route opens cleanly`, async () => {
      const s = await openSession({ username, server })
      try {
        const found = await walk(s, role, routerPaths())
        assert.deepEqual(found, [])
        assert.deepEqual(s.pageErrors, [])
      } finally {
        await s.close()
      }
    })
  }
})
