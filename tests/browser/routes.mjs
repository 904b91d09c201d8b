// The walk of the router's routes shared by routes.test.mjs, routes_phone.test.mjs and
// menus.test.mjs (issue 20): the roles of the demo, the routes read from web/src/router.js, a
// record of the user's scope for each parameter, and what is wrong with a page on the screen.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { ROOT, openSession, settled, startServer, horizontalOverflow } from './harness.mjs'

export const ROLES = { admin: 'system_admin', tongcheng: 'bureau_admin', wantou: 'institution_admin', teacher1: 'teacher', inspector: 'inspector' }

// The paths of the router (web/src/router.js), read from its source: no route can be added
// without being walked.
export function routerPaths() {
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
      // A read-only field invites nothing, so it shows no hint either.
      if (!sel.offsetParent || sel.classList.contains('is-disabled')) continue
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

export async function walk(s, role, routes, { phone = false } = {}) {
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
    const check = () => (phone ? horizontalOverflow(s.page) : problems(s.page))
    let p = await check()
    // On a loaded machine a large page (the province's summary) may still be rendering after the
    // network went quiet: one second look before a problem counts.
    if (p.length) {
      await s.page.waitForTimeout(3000)
      await settled(s.page)
      p = await check()
    }
    for (const x of [...p, ...s.consoleErrors, ...s.failedRequests]) found.push(`${role} ${url}: ${x}`)
  }
  return found
}

// BANGFU_ROLES=admin,teacher1 (or admin/phone, teacher1/en) runs only those (while working on a page).
export const only = process.env.BANGFU_ROLES ? process.env.BANGFU_ROLES.split(',') : null
export const wanted = (name) => !only || only.includes(name)

// The test of every route for each of `usernames`, on one server with the whole demo: no console
// error, failed request, untranslated key, blank page or selector without a hint.
export function walkSuite(usernames) {
  describe('every route for every role', { timeout: 900_000 }, () => {
    let server
    before(async () => {
      server = await startServer({ fullDemo: true })
    })
    after(async () => {
      await server?.stop()
    })

    for (const username of usernames.filter((u) => wanted(u))) {
      const role = ROLES[username]
      test(`${role} (${username}): every route opens cleanly`, async () => {
        const s = await openSession({ username, server })
        try {
          assert.deepEqual(await walk(s, role, routerPaths()), [])
          assert.deepEqual(s.pageErrors, [])
        } finally {
          await s.close()
        }
      })
    }
  })
}
