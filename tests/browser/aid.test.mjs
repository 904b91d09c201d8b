// Browser test of one-to-one aid (issue 5): the demo teacher (teacher1, 李家红, linked to her
// staff record) opens 我的帮扶对象, sees her case overdue (a home visit each term, the last in
// autumn 2025), records today's home visit on the case page and sees the case no longer overdue.
// Run: BANGFU_BIN=build/src/cli/bangfu node --test tests/browser/aid.test.mjs
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { ensureWebBuild, startServer, launchBrowser, inputOf, choose, settled } from './harness.mjs'

const PASSWORD = 'Bangfu@2026'

describe('aid UI in Chromium', { timeout: 240_000 }, () => {
  let server
  let browser
  let page
  let shotDir
  const pageErrors = []

  async function step(name, fn) {
    try {
      await fn()
    } catch (err) {
      if (page) {
        const file = path.join(shotDir, `aid-${name.replace(/[^\w-]+/g, '_')}.png`)
        await page.screenshot({ path: file, fullPage: true }).catch(() => {})
        err.message += `\n(screenshot: ${file}; url: ${page.url()})`
      }
      throw err
    }
  }

  async function shot(name) {
    if (process.env.BANGFU_SCREENSHOTS) {
      fs.mkdirSync(process.env.BANGFU_SCREENSHOTS, { recursive: true })
      await page.screenshot({ path: path.join(process.env.BANGFU_SCREENSHOTS, `aid-${name}.png`), fullPage: true })
    }
  }

  before(async () => {
    ensureWebBuild()
    server = await startServer({ fullDemo: true })
    shotDir = process.env.BANGFU_SCREENSHOTS || server.tmp
    browser = await launchBrowser()
    page = await browser.newPage({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 1440, height: 900 } })
    page.on('pageerror', (e) => pageErrors.push(String(e)))
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('a teacher records a home visit and the case is no longer overdue', async () => {
    await step('login', async () => {
      await page.goto('/login')
      await inputOf(page, 'login-username').fill('teacher1')
      await inputOf(page, 'login-password').fill(PASSWORD)
      await page.click('[data-test="login-submit"]')
      await page.locator('[data-test="current-user-name"]').waitFor()
    })
    await step('dashboard', async () => {
      // The dashboard lists her beneficiaries with the overdue count.
      await page.locator('[data-test="dashboard-mine-overdue"]').waitFor()
      assert.match(await page.locator('[data-test="dashboard-mine"]').innerText(), /黄子轩/)
    })
    await step('mine', async () => {
      // A teacher's menu has her beneficiaries at the top (issue 20).
      await page.click('[data-test="menu-aid-mine"]')
      await page.waitForURL(/\/aid\/mine$/)
      await settled(page)
      const row = page.locator('[data-test="mine"] tr', { hasText: '黄子轩' })
      await row.waitFor()
      assert.equal((await row.locator('[data-test="mine-status"]').innerText()).trim(), '逾期')
      await shot('mine-overdue')
      await row.locator('[data-test="mine-beneficiary"]').click()
      await page.waitForURL(/\/aid\/cases\/\d+$/)
      await page.locator('[data-test="cadence-overdue"]').waitFor()
      assert.equal((await page.locator('[data-test="case-status"]').innerText()).trim(), '逾期')
      // What the teacher sees of the pupil: name, school, grade; no personal data.
      const info = await page.locator('[data-test="case-info"]').innerText()
      assert.match(info, /五里镇湾头小学/)
      assert.doesNotMatch(info, /1380000|身份证/)
    })
    await step('record', async () => {
      await page.click('[data-test="record-help"]')
      const dialog = page.locator('[data-test="record-dialog"]')
      await dialog.waitFor()
      // Saving without a kind of help: the server names the field and nothing is stored.
      await page.click('[data-test="record-save"]')
      await dialog.locator('.el-form-item__error').first().waitFor()
      assert.match(await dialog.innerText(), /帮扶方式/)
      await choose(page, 'record-kind', 'option-aid_help_kind-home_visit')
      await inputOf(page, 'record-duration').fill('90')
      await page.locator('[data-test="record-notes"] textarea, textarea[data-test="record-notes"]').first().fill('家访：与祖父母谈学习习惯（浏览器测试）')
      await page.click('[data-test="record-save"]')
      await dialog.waitFor({ state: 'hidden' })
      await page.locator('[data-test="records"] tr', { hasText: '浏览器测试' }).waitFor()
      await page.waitForFunction(() => document.querySelector('[data-test="case-status"]')?.innerText.trim() === '进行中')
      await page.locator('[data-test="cadence-overdue"]').waitFor({ state: 'detached' })
      await shot('recorded')
    })
    await step('mine-after', async () => {
      await page.goto('/aid/mine')
      const row = page.locator('[data-test="mine"] tr', { hasText: '黄子轩' })
      await row.waitFor()
      assert.equal((await row.locator('[data-test="mine-status"]').innerText()).trim(), '进行中')
    })
    assert.deepEqual(pageErrors, [])
  })

  // 铁炉坑村's figures as the seed gives them: 6 people employed, all 6 at 2,000 yuan or more.
  test('the aid statistics of 铁炉坑村 show the people employed and those at 2,000 yuan or more', async () => {
    await step('stats', async () => {
      await page.click('[data-test="logout"]')
      await page.waitForURL(/\/login/)
      await inputOf(page, 'login-username').fill('admin')
      await inputOf(page, 'login-password').fill(PASSWORD)
      await page.click('[data-test="login-submit"]')
      await page.locator('[data-test="current-user-name"]').waitFor()
      const inst = await page.evaluate(async () => {
        const r = await fetch(`/api/v1/institutions?q=${encodeURIComponent('铁炉坑村')}`)
        return (await r.json()).items[0].id
      })
      await page.goto(`/aid/stats?institution=${inst}`)
      await settled(page)
      await page.locator('[data-test="total-cases"]', { hasText: /^16$/ }).waitFor()
      assert.equal((await page.locator('[data-test="total-people_employed"]').innerText()).trim(), '6')
      assert.equal((await page.locator('[data-test="total-employed_at_threshold"]').innerText()).trim(), '6')
      assert.match(await page.locator('[data-test="totals"]').innerText(), /其中月薪2000元以上/)
      await shot('stats')
    })
    assert.deepEqual(pageErrors, [])
  })
})
