// Each role's menu at 1440×900 (issue 20): the entries of its work, nothing of the system admin's
// for the others, and no entry leads to a page the router sends the role away from; and the login
// page of a fresh browser logs nothing in red.
// Run: BANGFU_BIN=build/src/cli/bangfu node --test tests/browser/menus.test.mjs
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { launchBrowser, openSession, settled, startServer, watchPage } from './harness.mjs'
import { ROLES, wanted } from './routes.mjs'

describe('the menu of each role', { timeout: 900_000 }, () => {
  let server
  before(async () => {
    server = await startServer({ fullDemo: true })
  })
  after(async () => {
    await server?.stop()
  })

  // Each role's menu at 1440×900: the entries of its work (menu.js), no entry leads to a page the
  // router sends the role away from.
  const MENUS = {
    teacher1: { exactly: ['dashboard', 'aid-mine', 'aid-alerts', 'activities', 'resources', 'my-year', 'appraisals-waiting'] },
    tongcheng: { has: ['dashboard', 'regions', 'institutions', 'pairings', 'activities', 'donations', 'users', 'audit', 'reports'], not: ['dictionaries', 'tokens', 'my-year'] },
    admin: { has: ['regions', 'users', 'audit', 'dictionaries', 'tokens', 'reports'], not: ['my-year'] },
    wantou: { has: ['activities', 'donations', 'resources', 'staff', 'aid-cases', 'balance-conditions', 'reports'], not: ['regions', 'programs', 'users', 'audit', 'dictionaries', 'tokens', 'balance-county'] },
    inspector: { has: ['institutions', 'programs', 'inspections', 'four-haves', 'balance-county', 'reports'], not: ['users', 'audit', 'dictionaries', 'tokens', 'regions', 'beneficiaries-import', 'balance-import', 'appraisals-waiting'] },
  }
  for (const [username, want] of Object.entries(MENUS).filter(([u]) => wanted(u))) {
    test(`the menu of ${ROLES[username]} (${username}) at 1440×900`, async () => {
      const s = await openSession({ username, server })
      try {
        const entries = await s.page.$$eval('[data-test="side-menu"] [data-test^="menu-"]', (els) =>
          els.map((e) => ({ test: e.getAttribute('data-test').slice(5), group: e.classList.contains('el-sub-menu') })),
        )
        const items = entries.filter((e) => !e.group).map((e) => e.test)
        if (want.exactly) assert.deepEqual(items, want.exactly)
        for (const x of want.has || []) assert.ok(items.includes(x), `${username} has ${x} in the menu: ${items.join(' ')}`)
        for (const x of want.not || []) assert.ok(!items.includes(x), `${username} has no ${x} in the menu`)
        // Every entry opens its page (not the dashboard the router sends the unauthorised to).
        const paths = await s.page.$$eval('[data-test="side-menu"] li.el-menu-item', (els) => els.map((e) => e.getAttribute('data-test')))
        for (const test of paths) {
          if (test === 'menu-dashboard') continue
          await s.page.goto('/')
          await s.page.locator('[data-test="side-menu"]').waitFor()
          await s.page.evaluate((t) => document.querySelector(`[data-test="${t}"]`).click(), test)
          const left = await s.page.waitForURL((u) => u.pathname !== '/', { timeout: 5000 }).then(() => true, () => false)
          assert.ok(left, `${username}: ${test} is sent back to the dashboard`)
        }
      } finally {
        await s.close()
      }
    })
  }

  test('the login page of a fresh browser says nothing in red', async () => {
    const browser = await launchBrowser()
    try {
      const page = await browser.newPage({ baseURL: server.url, locale: 'zh-CN' })
      const seen = watchPage(page, {})
      await page.goto('/reports')
      await page.waitForURL(/\/login/)
      await page.locator('[data-test="login-submit"]').waitFor()
      await settled(page)
      assert.deepEqual([...seen.consoleErrors, ...seen.failedRequests], [])
    } finally {
      await browser.close()
    }
  })
})
