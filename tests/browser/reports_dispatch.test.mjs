// Browser test of the dispatch and appraisal part of the reports: 叶集区's bureau opens its
// 2026 summary and finds 李启成 and 游汝昌 named as excellent in the section 五、支教派遣与考核,
// then the dashboard, whose person-times (computed here from data/demo/dispatch.json: the school
// year September 2025 – August 2026) and charts show, and whose figure opens the assignments.
// Run: BANGFU_BIN=build-test/src/cli/bangfu BANGFU_WEB=$PWD/web/dist node --test tests/browser/reports_dispatch.test.mjs
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { ROOT, settled, openSession } from './harness.mjs'

const dispatch = JSON.parse(fs.readFileSync(path.join(ROOT, 'data', 'demo', 'dispatch.json'), 'utf8'))
const sent2026 = dispatch.assignments.filter(
  (x) => x.program === '叶集区城乡学校结对帮扶' && x.status !== 'withdrawn' && x.start_date <= '2026-08-31' && x.end_date >= '2025-09-01',
).length

describe('dispatch in the yearly summary and dashboard, in Chromium', { timeout: 240_000 }, () => {
  let session
  let page
  let pageErrors
  const step = (name, fn) => session.step(name, fn)

  before(async () => {
    session = await openSession({ fullDemo: true, username: 'yeji' })
    ;({ page, pageErrors } = session)
  })

  after(async () => {
    await session?.close()
  })

  test('the 2026 summary names the teachers rated excellent', () =>
    step('summary', async () => {
      await page.goto('/reports?scope=region:341504&year=2026')
      const section = page.locator('[data-test="section-dispatch"]')
      await section.waitFor()
      await settled(page)
      const text = await section.innerText()
      assert.match(text, /五、支教派遣与考核/)
      assert.match(text, /考核优秀的支教教师：.*李启成/)
      assert.match(text, /游汝昌/)
      assert.match(text, new RegExp(`派遣支教 ${sent2026} 人次`))
      assert.deepEqual(pageErrors, [])
    }))

  test('the dashboard shows the person-times and ratings, and leads to the assignments', () =>
    step('dashboard', async () => {
      assert.equal(sent2026, 14)
      await page.goto('/reports/dashboard?scope=region:341504&year=2026')
      await page.locator('[data-test="dispatch-dashboard"]').waitFor()
      await settled(page)
      assert.match(await page.locator('[data-test="figure-dispatch.person_times"]').innerText(), new RegExp(`^${sent2026}\\b`))
      for (const chart of ['chart-dispatch-year', 'chart-dispatch-ratings']) await page.locator(`[data-test="${chart}"] canvas`).waitFor()
      await page.click('[data-test="figure-dispatch.person_times"]')
      await page.waitForURL(/\/dispatch\/assignments\?.*year=2026/)
      assert.deepEqual(pageErrors, [])
    }))
})
