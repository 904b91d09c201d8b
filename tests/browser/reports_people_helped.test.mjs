// Browser test of the "people helped" part of the report dashboard: the system admin opens
// 企石镇's 2026 dashboard, sees 铁炉坑村's 16 households and 7 people counselled (data/demo/
// aid.json), the help charts, and follows the counselling figure to the aid statistics of the
// year, which show the same count.
// Run: BANGFU_BIN=build-test/src/cli/bangfu BANGFU_WEB=$PWD/web/dist node --test tests/browser/reports_people_helped.test.mjs
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { settled, openSession } from './harness.mjs'

describe('people helped on the report dashboard in Chromium', { timeout: 240_000 }, () => {
  let session
  let page
  let pageErrors
  const step = (name, fn) => session.step(name, fn)

  before(async () => {
    session = await openSession({ fullDemo: true, username: 'admin' })
    ;({ page, pageErrors } = session)
  })

  after(async () => {
    await session?.close()
  })

  test('企石镇 2026: 16 households, 7 counselled, charts, and the figure leads to the aid statistics', () =>
    step('people-helped', async () => {
      await page.goto('/reports/dashboard?scope=region:441900105&year=2026')
      await page.locator('[data-test="people-helped"]').waitFor()
      await settled(page)
      assert.match(await page.locator('[data-test="figure-people.households"]').innerText(), /^16\b/)
      assert.match(await page.locator('[data-test="figure-aid.counselled"]').innerText(), /^7\b/)
      assert.match(await page.locator('[data-test="figure-aid.employed_at_2000"]').innerText(), /^6\b/)
      for (const chart of ['chart-aid-month', 'chart-aid-kind', 'chart-beneficiaries'])
        await page.locator(`[data-test="${chart}"] canvas`).waitFor()
      // No beneficiary is named on the dashboard.
      const text = await page.locator('[data-test="people-helped"]').innerText()
      assert.ok(!text.includes('黄国强'), text)
      await page.click('[data-test="figure-aid.counselled"]')
      await page.waitForURL(/\/aid\/stats\?region=441900105&date_from=2026-01-01&date_to=2026-12-31/)
      await settled(page)
      await page.locator('[data-test="total-counselled"]', { hasText: /^7$/ }).waitFor()
      assert.deepEqual(pageErrors, [])
    }))

  test('the summary shows the section with its tables; the households figure lists 企石镇\'s households', () =>
    step('summary', async () => {
      await page.goto('/reports?scope=region:441900105&year=2026')
      await page.click('[data-test="preview"]')
      const section = page.locator('[data-test="section-people_helped"]')
      await section.waitFor()
      assert.match(await section.innerText(), /六、结对帮扶困难学生与家庭/)
      for (const table of ['beneficiaries_by_category', 'aid_by_kind', 'aid_by_month']) await section.locator(`[data-test="table-${table}"]`).waitFor()
      assert.ok(!(await section.innerText()).includes('黄国强'))
      await section.locator('[data-test="figure-people.households"]').click()
      await page.waitForURL(/\/beneficiaries\/households\?(.*&)?region=441900105/)
      await settled(page)
      await page.locator('[data-test="row-name"]').nth(15).waitFor()
      assert.equal(await page.locator('[data-test="row-name"]').count(), 16)
      assert.deepEqual(pageErrors, [])
    }))
})
