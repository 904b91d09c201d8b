// Long reports are paged by the server (issue 20): 工作量统计 of 叶集区 (hundreds of rows) and
// 补助发放 show 20 rows a page with the total, the next page its own rows, and the total line is
// over all rows, not the page.
// Run: BANGFU_BIN=build/src/cli/bangfu node --test tests/browser/paging.test.mjs
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { openSession, settled } from './harness.mjs'

describe('paged reports', { timeout: 240_000 }, () => {
  let s
  before(async () => {
    s = await openSession({ fullDemo: true, username: 'yeji' })
  })
  after(async () => {
    await s?.close()
  })

  test('工作量统计: 20 rows a page, the total line over all of them', () =>
    s.step('workload', async () => {
      const { page } = s
      const all = await page.evaluate(async () => (await (await fetch('/api/v1/dispatch/workload')).json()).items)
      assert.ok(all.length > 20, `rows: ${all.length}`)
      await page.goto('/dispatch/workload')
      await settled(page)
      const rows = page.locator('[data-test="list"] .el-table__body tr')
      await rows.first().waitFor()
      assert.equal(await rows.count(), 20)
      assert.match(await page.locator('[data-test="pager"]').innerText(), new RegExp(`${all.length}`))
      const sum = all.reduce((n, r) => n + r.total_hours, 0)
      const footer = await page.locator('[data-test="list"] .el-table__footer').innerText()
      assert.ok(footer.replace(/,/g, '').includes(String(sum)), `the total line says ${sum}: ${footer}`)
      const first = await rows.first().innerText()
      await page.locator('[data-test="pager"] .el-pager li', { hasText: /^2$/ }).click()
      await settled(page)
      await page.waitForFunction((before) => document.querySelector('[data-test="list"] .el-table__body tr')?.innerText !== before, first)
      assert.ok(footer === (await page.locator('[data-test="list"] .el-table__footer').innerText()), 'the total line stays')
      assert.deepEqual(s.pageErrors, [])
    }))
})
