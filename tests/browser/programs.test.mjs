// Browser test of the programs UI: the bureau admin of 叶集区 creates a program, adds the leader
// of its leading group and a policy document "叶教〔2011〕45号" with its file, and sees them listed.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { ensureWebBuild, startServer, launchBrowser, inputOf, choose, settled, pickRemote } from './harness.mjs'

const YEJI = { username: 'yeji', password: 'Bangfu@2026' }
const PROGRAM = '叶集区城乡学校结对帮扶（测试）'
const OFFICE = '叶集区城乡学校结对帮扶工作领导小组办公室（设在文教局）'
const DOC_NUMBER = '叶教〔2011〕45号'
const DOC_TITLE = '关于开展城乡学校结对帮扶工作的通知'
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1')

describe('programs UI in Chromium', { timeout: 240_000 }, () => {
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
        const file = path.join(shotDir, `programs-${name.replace(/[^\w-]+/g, '_')}.png`)
        await page.screenshot({ path: file, fullPage: true }).catch(() => {})
        err.message += `\n(screenshot: ${file}; url: ${page.url()})`
      }
      throw err
    }
  }

  async function shot(name) {
    if (process.env.BANGFU_SCREENSHOTS) {
      await settled(page)
      await page.waitForTimeout(300) // let Element Plus transitions finish
      fs.mkdirSync(process.env.BANGFU_SCREENSHOTS, { recursive: true })
      await page.screenshot({ path: path.join(process.env.BANGFU_SCREENSHOTS, `programs-${name}.png`), fullPage: true })
    }
  }

  // el-date-picker (found through its form item): type the date and confirm it.
  async function fillDate(fieldTestId, value) {
    const input = page.locator(`[data-test="${fieldTestId}"] input`).first()
    await input.click()
    await input.fill(value)
    await input.press('Enter')
  }

  before(async () => {
    ensureWebBuild()
    server = await startServer()
    shotDir = process.env.BANGFU_SCREENSHOTS || server.tmp
    browser = await launchBrowser()
    const context = await browser.newContext({ baseURL: server.url, acceptDownloads: true, locale: 'zh-CN', viewport: { width: 1440, height: 900 } })
    context.setDefaultTimeout(15_000)
    page = await context.newPage()
    page.on('pageerror', (err) => pageErrors.push(String(err)))
  })

  after(async () => {
    if (browser) await browser.close()
    if (server) await server.stop()
    if (server && !process.env.BANGFU_KEEP_TMP) {
      for (const f of fs.readdirSync(server.tmp)) if (!f.endsWith('.png')) fs.rmSync(path.join(server.tmp, f), { force: true })
      if (!fs.readdirSync(server.tmp).length) fs.rmdirSync(server.tmp)
    }
  })

  test('yeji logs in and opens 帮扶项目', () =>
    step('login', async () => {
      await page.goto('/login')
      await inputOf(page, 'login-username').fill(YEJI.username)
      await inputOf(page, 'login-password').fill(YEJI.password)
      await page.click('[data-test="login-submit"]')
      await page.locator('[data-test="current-user-name"]').waitFor()
      await page.click('[data-test="menu-programs"]')
      await page.waitForURL(/\/programs$/)
      await settled(page)
      assert.match(await page.locator('.page-title h2').innerText(), /帮扶项目/)
    }))

  test('creates a program owned by 叶集区', () =>
    step('create', async () => {
      await page.click('[data-test="create"]')
      await page.waitForURL(/\/programs\/new$/)
      // The client-side required checks first.
      await page.click('[data-test="save"]')
      await page.locator('[data-test="field-name"] .el-form-item__error').waitFor()
      await inputOf(page, 'input-name').fill(PROGRAM)
      await choose(page, 'input-kind', 'option-program_kind-urban_rural_school')
      await fillDate('field-start_date', '2011-09-01')
      await inputOf(page, 'input-office').fill(OFFICE)
      await page.locator('[data-test="input-goals"] textarea, textarea[data-test="input-goals"]').first().fill('缩小城乡、校际差距，促进义务教育均衡发展')
      await shot('01-form')
      await page.click('[data-test="save"]')
      await page.waitForURL(/\/programs\/\d+$/)
      await page.locator('.el-message--success').first().waitFor()
      await page.locator('[data-test="program-tabs"]').waitFor()
      await page.waitForFunction((name) => document.querySelector('[data-test="program-title"]')?.textContent.includes(name), PROGRAM)
      assert.equal(await inputOf(page, 'input-office').inputValue(), OFFICE)
      assert.match(await page.locator('[data-test="program-summary"]').innerText(), /叶集区/)
    }))

  test('adds the leader of the leading group', () =>
    step('leader', async () => {
      await page.click('#tab-leading-group')
      await page.locator('[data-test="member-add"]').click()
      const dialog = page.locator('[data-test="member-dialog"]')
      await dialog.waitFor()
      // Neither a staff member nor a name: the server's field error shows under 姓名.
      await page.click('[data-test="member-save"]')
      await page.locator('[data-test="field-name"] .el-form-item__error').waitFor()
      assert.match(await page.locator('[data-test="field-name"] .el-form-item__error').innerText(), /请选择教职工或填写姓名/)
      await choose(page, 'input-role', 'option-leading_group_role-leader')
      await inputOf(page, 'input-member-name').fill('王文教')
      await inputOf(page, 'input-position').fill('文教局局长')
      await inputOf(page, 'input-unit').fill('叶集区文教局')
      await page.click('[data-test="member-save"]')
      await page.locator('[data-test="member-dialog"]').waitFor({ state: 'hidden' })
      const row = page.locator('[data-test="member-list"] .el-table__body tr', { hasText: '王文教' })
      await row.waitFor()
      assert.match(await row.innerText(), /组长/)
      assert.match(await row.innerText(), /文教局局长/)
      // A member picked from the staff records: the name comes from the record.
      await page.locator('[data-test="member-add"]').click()
      await page.locator('[data-test="member-dialog"]').waitFor()
      await page.click('[data-test="source-staff"]')
      await page.locator('[data-test="input-staff"]').click()
      const option = page.locator('.el-popper:visible [data-test^="option-staff-"]').first()
      await option.waitFor()
      const staffName = (await option.locator('span').first().innerText()).trim()
      await option.click()
      await inputOf(page, 'input-position').fill('成员')
      await page.click('[data-test="member-save"]')
      await page.locator('[data-test="member-dialog"]').waitFor({ state: 'hidden' })
      const staffRow = page.locator('[data-test="member-list"] .el-table__body tr', { hasText: staffName })
      await staffRow.waitFor()
      assert.match(await staffRow.innerText(), /成员/)
      assert.equal(await staffRow.locator('.staff-mark').count(), 1)
      await shot('02-leading-group')
    }))

  test('adds the policy document 叶教〔2011〕45号 with its file and sees it listed', () =>
    step('document', async () => {
      await page.click('#tab-documents')
      await page.locator('[data-test="document-add"]').click()
      await page.locator('[data-test="document-dialog"]').waitFor()
      await inputOf(page, 'input-title').fill(DOC_TITLE)
      await inputOf(page, 'input-doc_number').fill(DOC_NUMBER)
      await inputOf(page, 'input-issuer').fill('叶集区文教局')
      await fillDate('field-issued_on', '2011-09-05')
      await page.locator('[data-test="input-new-file"]').setInputFiles({ name: '叶教〔2011〕45号.pdf', mimeType: 'application/pdf', buffer: PDF })
      await page.click('[data-test="document-save"]')
      await page.locator('[data-test="document-dialog"]').waitFor({ state: 'hidden' })
      const row = page.locator('[data-test="document-list"] .el-table__body tr', { hasText: DOC_NUMBER })
      await row.waitFor()
      assert.match(await row.innerText(), new RegExp(DOC_TITLE))
      const link = row.locator('[data-test="document-download"]')
      await link.waitFor()
      assert.match(await link.innerText(), /叶教〔2011〕45号\.pdf/)
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
      const file = path.join(server.tmp, 'downloaded.pdf')
      await download.saveAs(file)
      assert.deepEqual(fs.readFileSync(file), PDF)
      await shot('03-documents')
    }))

  test('records an inspection of the program and finds it on the 检查督导 page', () =>
    step('inspection', async () => {
      await page.click('#tab-inspections')
      await page.locator('[data-test="inspection-add"]').click()
      await page.locator('[data-test="inspection-dialog"]').waitFor()
      await page.click('[data-test="inspection-save"]')
      await page.locator('[data-test="field-inspectors"] .el-form-item__error').waitFor()
      await fillDate('field-inspected_on', '2012-06-01')
      await inputOf(page, 'input-inspectors').fill('区督导室张督学、李督学')
      await page.locator('[data-test="input-checked"] textarea, textarea[data-test="input-checked"]').first().fill('“四有”落实情况')
      await page.click('[data-test="inspection-save"]')
      await page.locator('[data-test="inspection-dialog"]').waitFor({ state: 'hidden' })
      await page.locator('[data-test="inspection-list"] [data-test="inspection-inspectors"]', { hasText: '区督导室张督学、李督学' }).waitFor()
      await page.click('[data-test="menu-inspections"]')
      await page.waitForURL(/\/inspections/)
      const row = page.locator('[data-test="inspection-list"] .el-table__body tr', { hasText: '区督导室张督学、李督学' })
      await row.waitFor()
      assert.match(await row.innerText(), new RegExp(PROGRAM.replace(/[()（）]/g, '.')))
      // Recording from the list page: the program is chosen first (the server names it if not).
      await page.click('[data-test="create"]')
      await page.locator('[data-test="inspection-dialog"]').waitFor()
      await fillDate('field-inspected_on', '2012-12-10')
      await inputOf(page, 'input-inspectors').fill('市督导组王督学')
      await page.click('[data-test="inspection-save"]')
      await page.locator('[data-test="field-program"] .el-form-item__error', { hasText: '帮扶项目不能为空' }).waitFor()
      await pickRemote(page, 'input-program', '测试', (p) => p.locator('.el-popper:visible .el-select-dropdown__item', { hasText: PROGRAM }).first())
      await page.click('[data-test="inspection-save"]')
      await page.locator('[data-test="inspection-dialog"]').waitFor({ state: 'hidden' })
      await page.locator('[data-test="inspection-list"] [data-test="inspection-inspectors"]', { hasText: '市督导组王督学' }).waitFor()
      await page.goBack()
    }))

  test('the program is listed, and the page after a reload still shows the organisation', () =>
    step('listed', async () => {
      await page.reload()
      await page.click('#tab-leading-group')
      await page.locator('[data-test="member-name"]', { hasText: '王文教' }).waitFor()
      await page.click('#tab-documents')
      await page.locator('[data-test="document-number"]', { hasText: DOC_NUMBER }).waitFor()
      await page.click('[data-test="menu-programs"]')
      await page.waitForURL(/\/programs$/)
      await page.locator('[data-test="row-name"]', { hasText: PROGRAM }).waitFor()
      assert.deepEqual(pageErrors, [])
    }))
})
