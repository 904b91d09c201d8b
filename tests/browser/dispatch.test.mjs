// Browser test of teacher dispatch: a bureau admin (叶集区) creates a batch, then an assignment of
// a teacher the program's rules refuse; the form lists every broken rule, the admin overrides
// with a written reason and the assignment is saved with it; the list, the statistics and the
// program's 支教政策 tab show it.
// Run: BANGFU_BIN=build-test/src/cli/bangfu BANGFU_WEB=$PWD/web/dist node --test tests/browser/dispatch.test.mjs
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { ensureWebBuild, startServer, launchBrowser, inputOf, choose, settled, pickRemote } from './harness.mjs'
import { makeClient } from '../http/harness.mjs'
import { createProgram } from '../http/work_setup.mjs'

describe('teacher dispatch in Chromium', { timeout: 240_000 }, () => {
  let server
  let browser
  let page
  let program
  let young
  const inst = {}
  const pageErrors = []

  async function step(name, fn) {
    try {
      await fn()
    } catch (err) {
      if (page) {
        const file = path.join(server.tmp, `${name.replace(/[^\w-]+/g, '_')}.png`)
        await page.screenshot({ path: file, fullPage: true }).catch(() => {})
        err.message += `\n(screenshot: ${file}; url: ${page.url()})`
      }
      throw err
    }
  }

  async function shot(name) {
    if (process.env.BANGFU_SCREENSHOTS) {
      fs.mkdirSync(process.env.BANGFU_SCREENSHOTS, { recursive: true })
      await page.screenshot({ path: path.join(process.env.BANGFU_SCREENSHOTS, `${name}.png`), fullPage: true })
    }
  }

  // el-date-picker keeps data-test off its input: found through the form item.
  async function pickDate(fieldTestId, value) {
    const input = page.locator(`[data-test="${fieldTestId}"] input`).first()
    await input.click()
    await input.fill(value)
    await input.press('Enter')
  }

  before(async () => {
    ensureWebBuild()
    server = await startServer()
    const h = makeClient(server.url)
    const yeji = await h.login('yeji')
    for (const x of (await h.get('/api/v1/institutions?page_size=200', { session: yeji })).json.items) inst[x.name] = x.id
    program = await createProgram(h, yeji, { name: '叶集区城乡学校结对帮扶（浏览器测试）', region: '341504', start_date: '2022-09-01' })
    // A teacher the default rules refuse: one year of teaching, fair health.
    const res = await h.post('/api/v1/staff', {
      name: '方小燕', gender: 'female', institution: inst['叶集区第一中学'], subjects: ['math'], years_teaching: 1, health: 'fair',
    }, { session: yeji })
    assert.equal(res.status, 201, res.text)
    young = res.json.id

    browser = await launchBrowser()
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 1440, height: 900 } })
    context.setDefaultTimeout(15_000)
    page = await context.newPage()
    page.on('pageerror', (err) => pageErrors.push(String(err)))
    await page.goto('/login')
    await inputOf(page, 'login-username').fill('yeji')
    await inputOf(page, 'login-password').fill('Bangfu@2026')
    await page.click('[data-test="login-submit"]')
    await page.locator('[data-test="current-user-name"]').waitFor()
  })

  after(async () => {
    if (browser) await browser.close()
    if (server) await server.stop()
    if (server && !process.env.BANGFU_KEEP_TMP) {
      for (const f of fs.readdirSync(server.tmp)) if (!f.endsWith('.png')) fs.rmSync(path.join(server.tmp, f), { force: true })
      if (!fs.readdirSync(server.tmp).length) fs.rmdirSync(server.tmp)
    }
  })

  test('creates a batch from the 支教管理 menu', () =>
    step('batch', async () => {
      await page.click('[data-test="menu-dispatch"]')
      await page.click('[data-test="menu-dispatch-batches"]')
      await page.waitForURL(/\/dispatch\/batches/)
      await settled(page)
      await page.click('[data-test="create"]')
      const dialog = page.locator('[data-test="batch-dialog"]')
      await dialog.waitFor()
      await choose(page, 'input-program', `option-program-${program}`)
      await inputOf(page, 'input-name').fill('第三批赴孙岗乡支教')
      await pickDate('field-sendoff_date', '2025-11-12')
      await inputOf(page, 'input-sendoff_event').fill('14名教师赴孙岗乡小学支教欢送会')
      await inputOf(page, 'input-planned_count').fill('14')
      await dialog.locator('[data-test="save"]').click()
      const row = page.locator('[data-test="list"] .el-table__row', { hasText: '第三批赴孙岗乡支教' })
      await row.waitFor()
      assert.match(await row.innerText(), /2025-11-12/)
      assert.match(await row.innerText(), /14/)
      await shot('dispatch-01-batches')
    }))

  test('an ineligible teacher: every broken rule is listed, the admin overrides with a reason', () =>
    step('assignment', async () => {
      await page.goto(`/dispatch/assignments/new?program=${program}`)
      await page.locator('[data-test="form"]').waitFor()
      await settled(page)
      await page.locator('[data-test="input-batch"]').click()
      await page.locator('.el-popper:visible .el-select-dropdown__item', { hasText: '第三批赴孙岗乡支教' }).click()
      await pickRemote(page, 'input-staff', '方小燕', `[data-test="option-staff-${young}"]`)
      await pickRemote(page, 'input-recipient', '三元中学', `[data-test="option-institution-${inst['叶集区三元中学']}"]`)
      await pickDate('field-start_date', '2025-11-13')
      await pickDate('field-end_date', '2026-07-10')
      await choose(page, 'input-subjects', 'option-subject-math')
      await page.keyboard.press('Escape')
      await page.click('[data-test="input-volunteered"]') // not volunteered
      await page.click('[data-test="save"]')

      const violations = page.locator('[data-test="violations"]')
      await violations.waitFor()
      for (const rule of ['years_teaching', 'health', 'volunteered']) await violations.locator(`[data-test="violation-${rule}"]`).waitFor()
      assert.match(await violations.innerText(), /教龄不足：要求至少 3 年，本人 1 年/)
      assert.match(await violations.innerText(), /身体状况须为良好/)
      assert.match(await violations.innerText(), /须本人自愿报名/)
      assert.ok(page.url().endsWith('/dispatch/assignments/new?program=' + program), 'nothing was created')
      await shot('dispatch-02-violations')

      await page.locator('textarea[data-test="input-override_reason"], [data-test="input-override_reason"] textarea').first().fill('数学教师紧缺，经局务会研究同意破格选派')
      await page.click('[data-test="save"]')
      await page.waitForURL(/\/dispatch\/assignments\/\d+$/)
      await page.locator('.el-message--success').first().waitFor()
      const id = page.url().match(/\/dispatch\/assignments\/(\d+)$/)[1]
      const stored = await page.evaluate(async (x) => (await fetch(`/api/v1/dispatch/assignments/${x}`)).json(), id)
      assert.equal(stored.override_reason, '数学教师紧缺，经局务会研究同意破格选派')
      assert.equal(stored.staff_name, '方小燕')
      assert.equal(stored.sending_institution_name, '叶集区第一中学')
      assert.equal(stored.batch_name, '第三批赴孙岗乡支教')
      assert.equal(stored.volunteered, false)
      await page.locator('[data-test="field-override_reason"]').waitFor()
      // The sender guard: 第一中学 would have one of its two mathematics teachers on record away.
      const warnings = page.locator('[data-test="warnings"]')
      await warnings.waitFor()
      assert.match(await warnings.innerText(), /数学教师 1 人（共 2 人），超过该学科教师的 30%/)
      await shot('dispatch-03-saved')

      await page.click('[data-test="menu-dispatch-assignments"]')
      await page.waitForURL(/\/dispatch\/assignments(\?|$)/)
      await settled(page)
      const row = page.locator('[data-test="list"] .el-table__row', { hasText: '方小燕' })
      await row.waitFor()
      assert.match(await row.innerText(), /已破格选派/)
      assert.match(await row.innerText(), /叶集区三元中学/)
    }))

  test('statistics and the program\'s 支教政策 tab', () =>
    step('statistics', async () => {
      await page.click('[data-test="menu-dispatch-statistics"]')
      await page.waitForURL(/\/dispatch\/statistics/)
      await choose(page, 'filter-program', `option-program-${program}`)
      await page.locator('[data-test="stats-summary"]', { hasText: '安排教师 14 名，支教 1 人次' }).waitFor()
      await page.locator('[data-test="stats-chart"] canvas').waitFor()
      await shot('dispatch-04-statistics')

      await page.goto(`/programs/${program}?tab=dispatch-policy`)
      const tab = page.locator('[data-test="dispatch-policy"]')
      await tab.waitFor()
      await tab.locator('[data-test="policy-default"]').waitFor()
      await inputOf(page, 'input-share').fill('20')
      await page.click('[data-test="policy-save"]')
      await page.locator('.el-message--success').first().waitFor()
      await tab.locator('[data-test="policy-default"]').waitFor({ state: 'detached' })
      const policy = await page.evaluate(async (p) => (await fetch(`/api/v1/programs/${p}/dispatch-policy`)).json(), program)
      assert.equal(policy.max_subject_share_percent, 20)
      assert.equal(policy.min_years_teaching, 3)
      assert.deepEqual(pageErrors, [])
    }))
})
