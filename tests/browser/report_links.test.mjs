// Browser test of issue 6 "every figure links to the records behind it": 叶集区's bureau opens
// its 2026 summary preview, follows figures to the lists behind them, and finds there the
// figure's filters shown (the region chosen, the school year and "withdrawn left out" as tags it
// can clear) and the same count; clearing a tag widens the list and leaves the URL.
// Run: BANGFU_BIN=build-test/src/cli/bangfu BANGFU_WEB=$PWD/web/dist node --test tests/browser/report_links.test.mjs
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { settled, openSession } from './harness.mjs'

describe('figure links of the yearly summary, in Chromium', { timeout: 240_000 }, () => {
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

  // Opens the 2026 summary preview and returns the figure's value as shown on its tile.
  async function openFigure(key) {
    await page.goto('/reports?scope=region:341504&year=2026')
    await page.click('[data-test="preview"]')
    const tile = page.locator(`[data-test="figure-${key}"]`)
    await tile.waitFor()
    const value = Number((await tile.locator('.value').innerText()).replace(/[^\d]/g, ''))
    await tile.click()
    return value
  }
  // The total of an Element Plus pager ("共 14 条").
  async function pagerTotal() {
    const text = await page.locator('.el-pagination__total').first().innerText()
    return Number(text.replace(/[^\d]/g, ''))
  }

  test('派遣支教: the assignments of 叶集区 in the school year 2025—2026, without the withdrawn', () =>
    step('assignments', async () => {
      const figure = await openFigure('dispatch.person_times')
      assert.ok(figure > 0)
      await page.waitForURL(/\/dispatch\/assignments\?/)
      await settled(page)
      const url = new URL(page.url())
      assert.equal(url.searchParams.get('region'), '341504')
      assert.equal(url.searchParams.get('school_year'), '2026')
      assert.equal(url.searchParams.get('withdrawn'), 'false')
      // The filters are shown: the region chosen in its control, the others as tags.
      assert.match(await page.locator('[data-test="filter-region"]').innerText().catch(() => ''), /叶集区/)
      assert.match(await page.locator('[data-test="linked-filter-school_year"]').innerText(), /2025—2026学年/)
      assert.match(await page.locator('[data-test="linked-filter-withdrawn"]').innerText(), /不含中途退出/)
      assert.equal(await pagerTotal(), figure)
      // Clearing a tag widens the list (the withdrawn come back) and leaves the URL.
      await page.locator('[data-test="linked-filter-withdrawn"] .el-tag__close').click()
      await page.waitForURL((u) => !new URL(u).searchParams.has('withdrawn'))
      await settled(page)
      assert.ok((await pagerTotal()) >= figure)
      await page.locator('[data-test="linked-filter-withdrawn"]').waitFor({ state: 'detached' })
      assert.deepEqual(pageErrors, [])
    }))

  test('考核结果: the teachers rated excellent in 2026 are the approved appraisals of 叶集区 so rated', () =>
    step('appraisals', async () => {
      const figure = await openFigure('dispatch.rating.excellent')
      await page.waitForURL(/\/appraisals\?.*rating=excellent/)
      await settled(page)
      const url = new URL(page.url())
      assert.equal(url.searchParams.get('region'), '341504')
      assert.equal(url.searchParams.get('stage'), 'approved')
      assert.match(await page.locator('[data-test="filter-region"]').innerText().catch(() => ''), /叶集区/)
      assert.equal(await pagerTotal(), figure)
      assert.deepEqual(pageErrors, [])
    }))

  test('可发放补助: the payments of 叶集区 in 2026, the region chosen, the same amount', () =>
    step('payments', async () => {
      await page.goto('/reports?scope=region:341504&year=2026')
      await page.click('[data-test="preview"]')
      const tile = page.locator('[data-test="figure-dispatch.subsidy_payable_fen"]')
      await tile.waitFor()
      const figure = (await tile.locator('.value').innerText()).replace(/[^\d]/g, '')
      await tile.click()
      await page.waitForURL(/\/subsidy-payments\?/)
      await settled(page)
      const url = new URL(page.url())
      assert.equal(url.searchParams.get('region'), '341504')
      assert.equal(url.searchParams.get('status'), 'payable')
      assert.match(await page.locator('[data-test="filter-region"]').innerText().catch(() => ''), /叶集区/)
      await page.locator('[data-test="payable-total"]').filter({ hasText: /\d/ }).waitFor()
      await page.waitForFunction(
        (want) => document.querySelector('[data-test="payable-total"]')?.textContent.replace(/[^\d]/g, '') === want,
        figure,
      )
      assert.deepEqual(pageErrors, [])
    }))

  test('帮扶对象: the beneficiary statistics read the region and the year from the link', () =>
    step('beneficiaries', async () => {
      const figure = await openFigure('people.beneficiaries')
      await page.waitForURL(/\/beneficiaries\/stats\?/)
      await settled(page)
      const url = new URL(page.url())
      assert.equal(url.searchParams.get('region'), '341504')
      assert.equal(url.searchParams.get('aided_year'), '2026')
      assert.match(await page.locator('[data-test="linked-filter-aided_year"]').innerText(), /2026年有帮扶关系/)
      const total = async () => Number((await page.locator('[data-test="totals"] .el-statistic').nth(2).locator('.el-statistic__number').innerText()).replace(/[^\d]/g, ''))
      assert.equal(await total(), figure)
      await page.locator('[data-test="linked-filter-aided_year"] .el-tag__close').click()
      await page.waitForURL((u) => !new URL(u).searchParams.has('aided_year'))
      await settled(page)
      assert.ok((await total()) >= figure)
      assert.equal(new URL(page.url()).searchParams.get('region'), '341504')
      assert.deepEqual(pageErrors, [])
    }))
})
