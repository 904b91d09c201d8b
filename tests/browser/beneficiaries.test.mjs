// Browser test of beneficiaries (issue 5): an institution admin adds a student and sees the ID
// number masked in the list and on the record; a bureau admin grants the permission on the users
// page; the institution admin then shows the personal data, and the audit log shows that read.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { ensureWebBuild, startServer, launchBrowser, inputOf, settled, pickRemote } from './harness.mjs'

const PASSWORD = 'Bangfu@2026'
// A fictional ID number with a valid GB 11643 check digit (province code 99 does not exist).
function idNumber(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * w[i], 0)
  return first17 + '10X98765432'[sum % 11]
}
const ID = idNumber('99122220130506977')
const MASKED = `991***********${ID.slice(14)}`

describe('beneficiaries UI in Chromium', { timeout: 270_000 }, () => {
  let server
  let browser
  let page
  let shotDir
  let studentId
  const pageErrors = []

  async function step(name, fn) {
    try {
      await fn()
    } catch (err) {
      if (page) {
        const file = path.join(shotDir, `beneficiaries-${name.replace(/[^\w-]+/g, '_')}.png`)
        await page.screenshot({ path: file, fullPage: true }).catch(() => {})
        err.message += `\n(screenshot: ${file}; url: ${page.url()})`
      }
      throw err
    }
  }

  async function loginAs(username, landing) {
    await page.goto('/login')
    await inputOf(page, 'login-username').fill(username)
    await inputOf(page, 'login-password').fill(PASSWORD)
    await page.click('[data-test="login-submit"]')
    await page.locator('[data-test="current-user-name"]').waitFor()
    if (landing !== '/') await page.goto(landing)
  }
  async function logout() {
    await page.click('[data-test="logout"]')
    await page.waitForURL(/\/login/)
  }

  before(async () => {
    ensureWebBuild()
    server = await startServer({ fullDemo: true })
    shotDir = process.env.BANGFU_SCREENSHOTS || server.tmp
    browser = await launchBrowser()
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 1440, height: 900 } })
    context.setDefaultTimeout(15_000)
    page = await context.newPage()
    page.on('pageerror', (err) => pageErrors.push(String(err)))
  })

  after(async () => {
    if (browser) await browser.close()
    if (server) await server.stop()
  })

  test('an institution admin adds a student and sees the ID number masked', () =>
    step('add-student', async () => {
      await loginAs('wantou', '/')
      await page.click('[data-test="menu-beneficiaries"]')
      await page.click('[data-test="menu-beneficiaries-students"]')
      await page.waitForURL(/\/beneficiaries\/students/)
      await page.click('[data-test="create"]')
      await page.waitForURL(/\/beneficiaries\/new/)
      await inputOf(page, 'input-name').fill('测试学生甲')
      await page.click('[data-test="option-gender-female"]')
      await inputOf(page, 'input-id_number').fill(ID)
      await pickRemote(page, 'input-institution', '湾头', '[data-test^="option-institution-"]')
      await inputOf(page, 'input-grade').fill('四年级')
      await page.locator('[data-test="input-categories"]').click()
      await page.locator('.el-popper:visible [data-test="option-beneficiary_category-left_behind"]').click()
      await page.keyboard.press('Escape')
      await inputOf(page, 'input-phone').fill('13800009876')
      await inputOf(page, 'input-address').fill('五里镇湾头村 9 组')
      await page.click('[data-test="save"]')
      await page.waitForURL(/\/beneficiaries\/\d+$/)
      studentId = page.url().match(/\/beneficiaries\/(\d+)$/)[1]
      await page.locator('[data-test="masked-notice"]').waitFor()
      assert.equal(await inputOf(page, 'input-id_number').inputValue(), MASKED)
      assert.equal(await page.locator('[data-test="field-birth_date"] input').first().inputValue(), '2013-05-06', 'the date of birth comes from the ID number')
      assert.equal(await page.locator('[data-test="unmask"]').count(), 0, 'no permission, no button')

      await page.click('[data-test="menu-beneficiaries-students"]')
      await page.waitForURL(/\/beneficiaries\/students/)
      await settled(page)
      const row = page.locator('[data-test="list"] tr', { hasText: '测试学生甲' })
      await row.waitFor()
      assert.equal((await row.locator('[data-test="row-id_number"]').innerText()).trim(), MASKED)
      assert.ok(!(await page.content()).includes(ID), 'the full number is nowhere on the page')
      // A search by the full number finds the student, still masked.
      await inputOf(page, 'filter-q').fill(ID)
      await page.click('[data-test="search"]')
      await settled(page)
      await page.waitForFunction(() => document.querySelectorAll('[data-test="row-name"]').length === 1)
      assert.equal((await page.locator('[data-test="row-id_number"]').innerText()).trim(), MASKED)
      await logout()
    }))

  test('a bureau admin grants the permission on the users page', () =>
    step('grant', async () => {
      await loginAs('tongcheng', '/users')
      await settled(page)
      const sw = page.locator('[data-test="permission-wantou"]')
      await sw.waitFor()
      assert.ok(!(await sw.getAttribute('class')).includes('is-checked'), 'not granted yet')
      await sw.click()
      await page.locator('.el-message--success').first().waitFor()
      await page.waitForFunction(() => document.querySelector('[data-test="permission-wantou"]')?.classList.contains('is-checked'))
      assert.ok((await page.locator('[data-test="permission-tongcheng"]').getAttribute('class')).includes('is-disabled'), 'not to oneself')
      await logout()
    }))

  test('the permission holder shows the personal data, and the audit log records the read', () =>
    step('unmask', async () => {
      await loginAs('wantou', `/beneficiaries/${studentId}`)
      await page.locator('[data-test="unmask"]').click()
      await page.locator('[data-test="unmasked-notice"]').waitFor()
      assert.equal(await inputOf(page, 'input-id_number').inputValue(), ID)
      assert.equal(await inputOf(page, 'input-address').inputValue(), '五里镇湾头村 9 组')
      await logout()
      await loginAs('tongcheng', '/audit')
      await page.goto(`/audit?entity=beneficiary&entity_id=${studentId}`)
      await settled(page)
      const read = page.locator('[data-test="list"] tr', { hasText: 'wantou' }).filter({ hasText: /查看个人信息|read_personal/ })
      await read.first().waitFor()
      assert.equal(await read.count(), 1, 'one unmasked read, by wantou')
    }))

  test('the bureau records an inbound cohort, whose students count in the totals', () =>
    step('inbound', async () => {
      await page.goto('/beneficiaries/inbound')
      await settled(page)
      await page.click('[data-test="create"]')
      await page.locator('[data-test="input-program"]').click()
      await page.locator('.el-popper:visible [data-test^="option-program-"]').first().click()
      await pickRemote(page, 'input-host_institution', '湾头', '[data-test^="option-institution-"]')
      await inputOf(page, 'input-origin_region').fill('654023')
      await inputOf(page, 'input-grade').fill('三年级')
      await inputOf(page, 'input-student_count').fill('12')
      await page.click('[data-test="dialog-save"]')
      await page.locator('.el-message--success').first().waitFor()
      await page.waitForFunction(() => document.querySelector('[data-test="inbound-totals"]')?.innerText.includes('12'))
      const row = page.locator('[data-test="list"] tr', { hasText: '三年级' })
      await row.first().waitFor()
      assert.match(await row.first().innerText(), /霍城县/)
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page')
    }))
})
