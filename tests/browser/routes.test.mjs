// Every route of the router, for every role (issue 20): each page opens without a console error,
// without a failed request (the pages a role may not use are kept from it by the router), without
// an untranslated message key or a raw "undefined"/"NaN", with a placeholder on every empty
// selector, and never blank: a page with no figures, rows or chart says so (an empty state). A
// second test checks each role's menu at 1440×900 (the entries of its work, nothing of the system
// admin's for the others). Both in Chinese; the walk again in English for the teacher.
// Run: BANGFU_BIN=build/src/cli/bangfu node --test tests/browser/routes.test.mjs
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { ROOT, PHONE, openSession, startServer, settled, horizontalOverflow } from './harness.mjs'

const ROLES = { admin: 'system_admin', tongcheng: 'bureau_admin', wantou: 'institution_admin', teacher1: 'teacher', inspector: 'inspector' }

// The paths of the router (web/src/router.js), read from its source: no route can be added
// without being walked.
function routerPaths() {
  const src = fs.readFileSync(path.join(ROOT, 'web', 'src', 'router.js'), 'utf8')
  const paths = [...src.matchAll(/path: '([^']*)'/g)].map((m) => m[1])
  return paths.filter((p) => p !== '/login' && p !== '/' && !p.startsWith(':rest')).map((p) => '/' + p.replace(/\(\\\\d\+\)/g, ''))
}

// A record each parameter stands for, read as the user (so it is in the user's scope).
const PARAMS = {
  'institutions/:id': '/api/v1/institutions',
  'balance/conditions/:id': '/api/v1/institutions',
  'staff/:id': '/api/v1/staff',
  'aid/cases/:id': '/api/v1/aid-cases',
  'beneficiaries/:id': '/api/v1/beneficiaries',
  'programs/:id': '/api/v1/programs',
  'programs/:programId/pairings': '/api/v1/programs',
  'pairings/:id': '/api/v1/pairings',
  'pairings/:id/edit': '/api/v1/pairings',
  'activities/:id': '/api/v1/activities',
  'donations/:id': '/api/v1/donations',
  'dispatch/assignments/:id': '/api/v1/dispatch/assignments',
  'plans/:id': '/api/v1/plans',
  'appraisals/:id': '/api/v1/appraisals',
}

async function concrete(page, route) {
  if (!route.includes(':')) return route
  const list = PARAMS[route.slice(1)]
  assert.ok(list, `routes.test.mjs: no record for the parameter of ${route}`)
  const id = await page.evaluate(async (url) => {
    const r = await fetch(url + '?page_size=1')
    if (!r.ok) return null
    const d = await r.json()
    const first = (Array.isArray(d) ? d : d.items || [])[0]
    return first ? first.id : null
  }, list)
  return id === null ? null : route.replace(/:[a-zA-Z]+/, String(id))
}

// What is wrong with the page on the screen now (an empty list when all is well).
async function problems(page) {
  return page.evaluate(() => {
    const out = []
    const main = document.querySelector('.el-main')
    if (!main) return ['no layout']
    const text = main.innerText
    const key = text.match(/(^|\s)([a-z][a-zA-Z]+\.){1,3}[a-z][a-zA-Z_]+(?=\s|$)/m)
    if (key && !/\.(xlsx|csv|docx|pdf|jpg|png|com|cn)$/.test(key[0].trim())) out.push(`untranslated key "${key[0].trim()}"`)
    for (const raw of ['undefined', 'NaN', '[object Object]', 'null']) if (new RegExp(`(^|[\\s:：(（])${raw.replace(/[[\]]/g, '\\$&')}($|[\\s)）,，])`, 'm').test(text)) out.push(`"${raw}" on the page`)
    // A selector that shows neither a value nor a hint.
    for (const sel of main.querySelectorAll('.el-select__wrapper')) {
      if (!sel.offsetParent) continue
      const shown = sel.querySelector('.el-select__placeholder')
      const tags = sel.querySelector('.el-tag')
      if (!tags && (!shown || !shown.innerText.trim())) out.push(`a selector without a placeholder (${sel.closest('[data-test]')?.getAttribute('data-test') || sel.closest('.el-form-item')?.innerText.split('\n')[0] || '?'})`)
    }
    // Blank: nothing below the title but controls, and no empty state.
    const page = main.querySelector('.page') || main
    const clone = page.cloneNode(true)
    clone.querySelectorAll('.page-title, .toolbar, .el-select, .el-input, .el-button, .el-date-editor, .el-tabs__header, .el-form-item__label, .el-pagination, .el-radio-group').forEach((e) => e.remove())
    const rest = clone.textContent.replace(/\s+/g, '')
    const says = page.querySelector('.empty-state, .el-empty, .el-table__empty-text, .el-alert, .el-descriptions, .el-form, .el-table__row, canvas, svg.chart, .el-result')
    if (rest.length < 8 && !says) out.push('a blank page without an empty-state message')
    // A chart drawn without data is a bare axis: it says so instead.
    return out
  })
}

async function walk(s, role, routes, { phone = false } = {}) {
  const found = []
  for (const route of routes) {
    const url = await concrete(s.page, route)
    if (!url) continue
    s.consoleErrors.length = 0
    s.failedRequests.length = 0
    await s.page.goto(url)
    await s.page.locator('.el-main').waitFor()
    await settled(s.page)
    await s.page.waitForLoadState('networkidle')
    await settled(s.page)
    const p = phone ? await horizontalOverflow(s.page) : await problems(s.page)
    for (const x of [...p, ...s.consoleErrors, ...s.failedRequests]) found.push(`${role} ${url}: ${x}`)
  }
  return found
}

describe('every route for every role', { timeout: 900_000 }, () => {
  let server
  before(async () => {
    server = await startServer({ fullDemo: true })
  })
  after(async () => {
    await server?.stop()
  })

  // BANGFU_ROLES=admin,teacher1 walks only those (while working on a page).
  const only = process.env.BANGFU_ROLES ? process.env.BANGFU_ROLES.split(',') : null
  for (const [username, role] of Object.entries(ROLES).filter(([u]) => !only || only.includes(u))) {
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

  // Each role's menu at 1440×900: the entries of its work (menu.js), no entry leads to a page the
  // router sends the role away from.
  const MENUS = {
    teacher1: { exactly: ['dashboard', 'aid-mine', 'aid-alerts', 'activities', 'resources', 'my-year', 'appraisals-waiting'] },
    tongcheng: { has: ['dashboard', 'regions', 'institutions', 'pairings', 'activities', 'donations', 'users', 'audit', 'reports'], not: ['dictionaries', 'tokens', 'my-year'] },
    admin: { has: ['regions', 'users', 'audit', 'dictionaries', 'tokens', 'reports'], not: ['my-year'] },
    wantou: { has: ['activities', 'donations', 'resources', 'staff', 'aid-cases', 'balance-conditions', 'reports'], not: ['regions', 'programs', 'users', 'audit', 'dictionaries', 'tokens', 'balance-county'] },
    inspector: { has: ['institutions', 'programs', 'inspections', 'four-haves', 'balance-county', 'reports'], not: ['users', 'audit', 'dictionaries', 'tokens', 'regions', 'beneficiaries-import', 'balance-import', 'appraisals-waiting'] },
  }
  for (const [username, want] of Object.entries(MENUS).filter(([u]) => !only || only.includes(u))) {
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

  // Every page on a phone (the system admin reaches them all; the teacher's own): nothing makes
  // the phone scroll sideways.
  for (const username of ['admin', 'teacher1'].filter((u) => !only || only.includes(`${u}/phone`))) {
    test(`every route at 390×844 for ${username}: no sideways scrolling`, async () => {
      const s = await openSession({ username, server, viewport: PHONE })
      try {
        assert.deepEqual(await walk(s, `${username}/phone`, routerPaths(), { phone: true }), [])
      } finally {
        await s.close()
      }
    })
  }

  test('the login page of a fresh browser says nothing in red', async () => {
    const { launchBrowser, watchPage } = await import('./harness.mjs')
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

  test('the teacher in English: every route opens cleanly', { skip: only && !only.includes('teacher1/en') }, async () => {
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
