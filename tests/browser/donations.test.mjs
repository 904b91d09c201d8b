// Browser test of donations and shared resources: record "5,000 yuan for window glass" to
// 五里镇湾头小学 through the form (yuan typed with a thousands separator, converted to fen by the
// page), see 5,000.00 in the list and in the totals; share a lesson plan with its file and see
// the download counted. Run: BANGFU_BIN=build-test/src/cli/bangfu BANGFU_WEB=$PWD/web/dist node --test tests/browser/donations.test.mjs
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { ensureWebBuild, startServer, launchBrowser, inputOf, choose, settled, pickRemote } from './harness.mjs'
import { makeClient } from '../http/harness.mjs'
import { createPairing, createProgram } from '../http/work_setup.mjs'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

describe('donations and shared resources in Chromium', { timeout: 240_000 }, () => {
  let server
  let browser
  let page
  let program
  let pairing
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

  before(async () => {
    ensureWebBuild()
    server = await startServer()
    // The program and pairing the donation is recorded under, through the API.
    const client = makeClient(server.url)
    const h = client
    const tongcheng = await client.login('tongcheng')
    const list = await client.get('/api/v1/institutions?page_size=200', { session: tongcheng })
    for (const x of list.json.items) inst[x.name] = x.id
    program = await createProgram(h, tongcheng, { name: '通城县城乡学校结对帮扶（浏览器测试）', region: '421222' })
    pairing = await createPairing(h, tongcheng, { program, supporter: inst['通城县实验小学'], recipient: inst['五里镇湾头小学'] })

    browser = await launchBrowser()
    const context = await browser.newContext({ baseURL: server.url, acceptDownloads: true, locale: 'zh-CN', viewport: { width: 1440, height: 900 } })
    context.setDefaultTimeout(15_000)
    page = await context.newPage()
    page.on('pageerror', (err) => pageErrors.push(String(err)))
    await page.goto('/login')
    await inputOf(page, 'login-username').fill('tongcheng')
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

  test('records 5,000 yuan for window glass through the form and sees 5,000.00 in the list and the totals', () =>
    step('donation', async () => {
      await page.click('[data-test="menu-donations"]')
      await page.waitForURL(/\/donations/)
      await settled(page)
      // Coming from the pairing: the form opens with the program and pairing chosen.
      await page.goto(`/donations/new?program=${program}&pairing=${pairing}`)
      await page.locator('[data-test="form"]').waitFor()
      await pickRemote(page, 'input-donor_institution', '实验小学', `[data-test="option-institution-${inst['通城县实验小学']}"]`)

      // More than two decimals is refused on the page, before anything is sent.
      await inputOf(page, 'input-amount').fill('5000.001')
      await inputOf(page, 'input-amount').press('Tab')
      const amountError = page.locator('[data-test="field-amount"] .el-form-item__error')
      await amountError.waitFor()
      assert.match(await amountError.innerText(), /两位小数/)

      await inputOf(page, 'input-amount').fill('5,000')
      await inputOf(page, 'input-amount').press('Tab')
      await amountError.waitFor({ state: 'detached' })
      assert.match(await page.locator('[data-test="field-amount"]').innerText(), /= 5,000\.00/)
      await inputOf(page, 'input-purpose').fill('更换窗户玻璃')
      await shot('donations-01-form')
      await page.click('[data-test="save"]')
      await page.waitForURL(/\/donations\/\d+$/)
      await page.locator('.el-message--success').first().waitFor()
      const id = page.url().match(/\/donations\/(\d+)$/)[1]

      // What the server stored: fen, and the pairing's recipient by default.
      const stored = await page.evaluate(async (x) => (await fetch(`/api/v1/donations/${x}`)).json(), id)
      assert.equal(stored.amount_fen, 500000)
      assert.equal(stored.recipient_institution_name, '五里镇湾头小学')

      await page.click('[data-test="menu-donations"]')
      await page.waitForURL(/\/donations(\?|$)/)
      await settled(page)
      const row = page.locator('[data-test="list"] .el-table__row', { hasText: '更换窗户玻璃' })
      await row.waitFor()
      assert.equal((await row.locator('[data-test="row-amount"]').innerText()).trim(), '5,000.00')
      assert.match(await row.innerText(), /五里镇湾头小学/)
      assert.match(await row.innerText(), /通城县实验小学/)

      const summary = page.locator('[data-test="totals-summary"]')
      await summary.waitFor()
      assert.match(await summary.innerText(), /资金 [\d,]+\.\d\d 元/)
      await page.locator('[data-test="totals-chart"] canvas').waitFor()
      // Narrowed to this program: exactly the 5,000.00 just recorded.
      await page.goto(`/donations?program=${program}`)
      await settled(page)
      await page.locator('[data-test="totals-summary"]', { hasText: '资金 5,000.00 元' }).waitFor()
      await page.click('[data-test="group-pairing"]')
      const cell = page.locator('[data-test="totals-table"] [data-test="totals-cell"]').first()
      await page.locator('[data-test="totals-table"]', { hasText: '通城县实验小学 → 五里镇湾头小学' }).waitFor()
      assert.equal((await cell.innerText()).trim(), '5,000.00')
      await shot('donations-02-list-totals')
    }))

  test('shares a lesson plan with its file; the download is counted', () =>
    step('resource', async () => {
      await page.click('[data-test="menu-resources"]')
      await page.waitForURL(/\/resources/)
      await settled(page)
      await page.click('[data-test="create"]')
      const dialog = page.locator('[data-test="resource-dialog"]')
      await dialog.waitFor()
      await inputOf(page, 'input-title').fill('《秋天的雨》教学设计')
      await choose(page, 'input-subject', 'option-subject-chinese')
      await choose(page, 'input-stage', 'option-stage-primary')
      await pickRemote(page, 'input-owner', '实验小学', `[data-test="option-institution-${inst['通城县实验小学']}"]`)
      await page.locator('[data-test="input-file"]').setInputFiles({ name: '秋天的雨.pdf', mimeType: 'application/pdf', buffer: PDF })
      await shot('donations-03-resource-dialog')
      await page.click('[data-test="save"]')
      await dialog.waitFor({ state: 'hidden' })
      const row = page.locator('[data-test="list"] .el-table__row', { hasText: '《秋天的雨》教学设计' })
      await row.waitFor()
      assert.match(await row.innerText(), /秋天的雨\.pdf/)
      assert.equal((await row.locator('[data-test="row-downloads"]').innerText()).trim(), '下载 0 次')
      const [download] = await Promise.all([page.waitForEvent('download'), row.locator('[data-test="row-download"]').click()])
      assert.equal(download.suggestedFilename(), '秋天的雨.pdf')
      await row.locator('[data-test="row-downloads"]', { hasText: '下载 1 次' }).waitFor()
      await shot('donations-04-resources')
      assert.deepEqual(pageErrors, [])
    }))
})
