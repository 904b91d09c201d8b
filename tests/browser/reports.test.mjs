// Browser test of the yearly summary (年度总结): 叶集区's bureau opens its 2024 report, sees
// the year's donations as data/demo/pairing.json records them (80,000 yuan of funds, 620,000
// yuan of materials), follows a figure to the donations behind it, writes the feelings, locks
// the year (the written parts become read-only) and downloads the Word file.
// Run: BANGFU_BIN=build-test/src/cli/bangfu BANGFU_WEB=$PWD/web/dist node --test tests/browser/reports.test.mjs
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { ensureWebBuild, startServer, launchBrowser, inputOf, settled } from './harness.mjs'
import { makeClient } from '../http/harness.mjs'

describe('yearly summary in Chromium', { timeout: 240_000 }, () => {
  let server
  let browser
  let page
  const pageErrors = []
  // el-input puts data-test on the native <textarea>.
  const feelings = () => page.locator('textarea[data-test="written-feelings"], [data-test="written-feelings"] textarea').first()

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

  before(async () => {
    ensureWebBuild()
    server = await startServer({ fullDemo: true })
    browser = await launchBrowser()
    const context = await browser.newContext({ baseURL: server.url, acceptDownloads: true, locale: 'zh-CN', viewport: { width: 1440, height: 900 } })
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

  test('the 2024 report shows the demo donations and each figure leads to its records', () =>
    step('figures', async () => {
      await page.click('[data-test="menu-reports"]')
      await page.waitForURL(/\/reports/)
      await page.goto('/reports?scope=region:341504&year=2024')
      await page.locator('[data-test="report-title"]', { hasText: '叶集区2024年度帮扶工作总结' }).waitFor()
      await settled(page)
      const funds = page.locator('[data-test="figure-donations.funds_fen"]')
      assert.match(await funds.innerText(), /80,000\.00/)
      assert.match(await page.locator('[data-test="figure-donations.materials_fen"]').innerText(), /620,000\.00/)
      assert.match(await page.locator('[data-test="section-resources"]').innerText(), /捐赠资金 80,000\.00 元/)
      await page.locator('[data-test="unlocked-tag"]').waitFor()
      await funds.click()
      await page.waitForURL(/\/donations\?.*year=2024/)
      assert.match(page.url(), /kind=funds/)
      await settled(page)
      await page.locator('[data-test="list"] .el-table__row', { hasText: '帮扶资金' }).first().waitFor()
    }))

  test('the bureau writes its feelings, locks the year and downloads the Word file', () =>
    step('lock', async () => {
      await page.goto('/reports?scope=region:341504&year=2024')
      await page.locator('[data-test="report-title"]').waitFor()
      await settled(page)
      await feelings().fill('城乡学校共同成长，农村学校面貌明显改善。')
      await page.click('[data-test="save-written"]')
      await page.locator('.el-message--success').first().waitFor()
      await page.click('[data-test="lock"]')
      await page.locator('.el-message-box__btns .el-button--primary').click()
      await page.locator('[data-test="locked-tag"]').waitFor()
      // Locked: the text is shown, no longer a box to type in (issue 20).
      assert.equal(await page.locator('textarea[data-test="written-feelings"]').count(), 0)
      assert.equal(await page.locator('p[data-test="written-feelings"]').innerText(), '城乡学校共同成长，农村学校面貌明显改善。')
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test="download-docx"]')])
      const file = path.join(server.tmp, 'summary.docx')
      await download.saveAs(file)
      assert.equal(fs.readFileSync(file).subarray(0, 2).toString('latin1'), 'PK')
      assert.match(download.suggestedFilename(), /叶集区2024年度帮扶工作总结\.docx/)
      assert.deepEqual(pageErrors, [])
    }))

  test('the dashboard shows the same figures with charts, and leads to the four-haves list', () =>
    step('dashboard', async () => {
      await page.click('[data-test="menu-report-dashboard"]')
      await page.waitForURL(/\/reports\/dashboard/)
      await page.goto('/reports/dashboard?scope=region:341504&year=2024')
      await page.locator('[data-test="dashboard-title"]', { hasText: '叶集区 2024年' }).waitFor()
      await settled(page)
      assert.match(await page.locator('[data-test="figure-donations.funds_fen"]').innerText(), /80,000\.00/)
      assert.match(await page.locator('[data-test="figure-donations.materials_fen"]').innerText(), /620,000\.00/)
      for (const chart of ['chart-month', 'chart-type', 'chart-donations', 'chart-four-haves'])
        await page.locator(`[data-test="${chart}"] canvas`).waitFor()
      await page.click('[data-test="figure-four-haves"]')
      await page.waitForURL(/\/four-haves\?region=341504/)
      assert.deepEqual(pageErrors, [])
    }))

  test('三元中学 asks the bureau to unlock its locked report, with a reason', () =>
    step('unlock', async () => {
      // The bureau locks 三元中学's 2026 report through the API.
      const client = makeClient(server.url)
      const yeji = await client.login('yeji')
      const inst = await client.get(`/api/v1/institutions?q=${encodeURIComponent('三元中学')}`, { session: yeji })
      const id = inst.json.items.find((x) => x.name.includes('三元中学')).id
      const locked = await client.post(`/api/v1/reports/lock?scope=institution:${id}&year=2026`, {}, { session: yeji })
      assert.equal(locked.status, 200, locked.text)

      const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 1440, height: 900 } })
      context.setDefaultTimeout(15_000)
      const own = await context.newPage()
      own.on('pageerror', (err) => pageErrors.push(String(err)))
      await own.goto('/login')
      await inputOf(own, 'login-username').fill('sanyuan')
      await inputOf(own, 'login-password').fill('Bangfu@2026')
      await own.click('[data-test="login-submit"]')
      await own.locator('[data-test="current-user-name"]').waitFor()
      // The institution's own report is the default scope.
      await own.goto('/reports?year=2026')
      await own.click('[data-test="preview"]')
      await own.locator('[data-test="locked-tag"]').waitFor()
      assert.equal(await own.locator('[data-test="lock"]').count(), 0)
      await own.click('[data-test="request-unlock"]')
      await own.locator('.el-message-box textarea').fill('11月20日的捐赠漏录，需要补录')
      await own.locator('.el-message-box__btns .el-button--primary').click()
      await own.locator('[data-test="unlock-requests"]', { hasText: '11月20日的捐赠漏录' }).waitFor()
      assert.match(await own.locator('[data-test="unlock-requests"]').innerText(), /待处理/)
      await context.close()
      assert.deepEqual(pageErrors, [])
    }))

  test('a table longer than 200 rows is previewed grouped, saying where the complete list is', () =>
    step('grouped', async () => {
      // 通城县's bureau records 201 demonstration classes through the API.
      const client = makeClient(server.url)
      const admin = await client.login('admin')
      const tongcheng = await client.login('tongcheng')
      const insts = (await client.get('/api/v1/institutions?page_size=200', { session: admin })).json.items
      const inst = (name) => insts.find((x) => x.name === name).id
      const pairings = (await client.get('/api/v1/pairings?page_size=200', { session: admin })).json.items
      const pairing = pairings.find((p) => p.supporter === inst('通城县实验小学') && p.recipient === inst('五里镇湾头小学') && p.status === 'active')
      const staff = (await client.get(`/api/v1/staff?q=${encodeURIComponent('李家红')}`, { session: admin })).json.items
      for (let i = 0; i < 201; i++) {
        const res = await client.post('/api/v1/activities', {
          program: pairing.program, pairing: pairing.id, type: 'demonstration_class', start_date: '2026-10-08', end_date: '2026-10-08',
          host_institution: inst('五里镇湾头小学'), visiting_institution: inst('通城县实验小学'), teachers_count: 1,
          teacher: staff[0].id, subject: i % 2 ? 'math' : 'chinese', topic: `规模测试课${i}`, audience_size: 30,
        }, { session: tongcheng })
        assert.equal(res.status, 201, res.text)
      }

      const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 1440, height: 900 } })
      context.setDefaultTimeout(15_000)
      const own = await context.newPage()
      own.on('pageerror', (err) => pageErrors.push(String(err)))
      await own.goto('/login')
      await inputOf(own, 'login-username').fill('tongcheng')
      await inputOf(own, 'login-password').fill('Bangfu@2026')
      await own.click('[data-test="login-submit"]')
      await own.locator('[data-test="current-user-name"]').waitFor()
      await own.goto('/reports?scope=region:421222&year=2026')
      await own.locator('[data-test="report-title"]').waitFor()
      await settled(own)
      const note = own.locator('[data-test="note-demonstration_classes"]')
      await note.waitFor()
      assert.match(await note.innerText(), /本表共 \d+ 行，超过 200 行，此处按学科汇总；完整清单见 Excel 统计表/)
      const table = own.locator('[data-test="table-demonstration_classes"]')
      assert.match(await table.innerText(), /节数/)
      assert.doesNotMatch(await table.innerText(), /规模测试课/)
      // The subjects and the total row, not 201 classes.
      assert.ok((await table.locator('.el-table__body tr').count()) <= 10)
      await context.close()
      assert.deepEqual(pageErrors, [])
    }))
})
