// Browser tests of the registry UI (issue scenario): Debian's Chromium through playwright-core,
// against a fresh `bangfu serve` with the demo data. Run: BANGFU_BIN=build/src/cli/bangfu node --test tests/browser
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { ensureWebBuild, startServer, launchBrowser, inputOf, choose, waitForValue, settled, pickRemote } from './harness.mjs'

const ADMIN = { username: 'admin', password: 'Bangfu@2026' }
// The demo data's Tongcheng is 通城县 (Hubei, region 421222), whose bureau admin is "tongcheng".
const REGION = { code: '421222', name: '通城县' }
const NEW_NAME = '通城县麦市镇山区希望小学（测试）'
const SEARCH = '山区希望'
const IMPORT_GOOD = ['导入测试甲小学', '导入测试乙幼儿园']
const IMPORT_BAD = '导入测试丙学校'

describe('registry UI in Chromium', { timeout: 270_000 }, () => {
  let server
  let browser
  let page
  let shotDir
  let institutionId
  const pageErrors = []

  // Runs a step; on failure saves a screenshot next to the server's temp dir and says where.
  async function step(name, fn) {
    try {
      await fn()
    } catch (err) {
      if (page) {
        const file = path.join(shotDir, `${name.replace(/[^\w-]+/g, '_')}.png`)
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
    shotDir = process.env.BANGFU_SCREENSHOTS || server.tmp
    browser = await launchBrowser()
    const context = await browser.newContext({
      baseURL: server.url,
      acceptDownloads: true,
      locale: 'zh-CN',
      viewport: { width: 1440, height: 900 },
    })
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

  test('an unknown session is sent to the login page, which shows the server error', () =>
    step('login-error', async () => {
      await page.goto('/institutions')
      await page.waitForURL(/\/login\?redirect=/)
      await inputOf(page, 'login-username').fill(ADMIN.username)
      await inputOf(page, 'login-password').fill('not-the-password')
      await page.click('[data-test="login-submit"]')
      const error = page.locator('[data-test="login-error"]')
      await error.waitFor()
      const text = (await error.innerText()).trim()
      assert.ok(text.length > 0, 'the login error names the problem')
      assert.match(text, /[\u4e00-\u9fff]/, `the server message is in Chinese by default: ${text}`)
      await shot('01-login-error')
    }))

  test('the system admin logs in and sees the dashboard', () =>
    step('login', async () => {
      await inputOf(page, 'login-password').fill(ADMIN.password)
      await page.click('[data-test="login-submit"]')
      // The next line waits for the page itself; a slow 'load' event must not fail the login.
      await page.waitForURL(/\/institutions/, { waitUntil: 'commit' })
      await page.locator('[data-test="current-user-name"]').waitFor()
      assert.ok((await page.locator('[data-test="current-user-name"]').innerText()).trim().length > 0)
      await page.click('[data-test="menu-dashboard"]')
      await page.waitForURL((u) => new URL(u).pathname === '/')
      await page.locator('[data-test="chart-by-kind"] canvas').waitFor()
      await settled(page)
      await shot('02-dashboard')
    }))

  test('creates an institution with a Chinese name', () =>
    step('create', async () => {
      await page.click('[data-test="menu-institutions"]')
      await page.waitForURL(/\/institutions/)
      await page.click('[data-test="create"]')
      await page.waitForURL(/\/institutions\/new$/)
      // Client-side required checks first.
      await page.click('[data-test="save"]')
      await page.locator('[data-test="field-name"] .el-form-item__error').waitFor()
      await inputOf(page, 'input-name').fill(NEW_NAME)
      await choose(page, 'input-kind', 'option-kind-primary')
      await choose(page, 'input-locality', 'option-locality-rural')
      await page.locator('[data-test="input-region"]').click()
      await page.locator('[data-test="input-region"] input').fill('通城')
      await page.locator(`.el-popper:visible [data-test="region-option-${REGION.code}"]`).click()
      await page.click('[data-test="input-weak"]')
      await inputOf(page, 'input-student_count').fill('320')
      await inputOf(page, 'input-staff_count').fill('24')
      await inputOf(page, 'input-contact_name').fill('李校长')
      await shot('03-create-form')
      await page.click('[data-test="save"]')
      await page.waitForURL(/\/institutions\/\d+$/)
      institutionId = page.url().match(/\/institutions\/(\d+)$/)[1]
      await page.locator('.el-message--success').first().waitFor()
      // The edit page loads the saved record after the URL changes: wait (up to 10 s) for the
      // form to be filled before reading it (read at once, it was empty once under load).
      const name = inputOf(page, 'input-name')
      for (let i = 0; i < 100 && (await name.inputValue()) !== NEW_NAME; i++) await page.waitForTimeout(100)
      assert.equal(await name.inputValue(), NEW_NAME)
    }))

  test('shows the server field errors under the form items', () =>
    step('field-errors', async () => {
      await inputOf(page, 'input-student_count').fill('-5')
      await inputOf(page, 'input-student_count').press('Tab')
      await page.click('[data-test="save"]')
      const err = page.locator('[data-test="field-student_count"] .el-form-item__error')
      await err.waitFor()
      const text = (await err.innerText()).trim()
      assert.ok(text.length > 0, 'the field error is shown under 学生数')
      await page.locator('[data-test="form-error"]').waitFor()
      await shot('04-field-errors')
      // Nothing was saved: the record still has 320 students.
      await page.reload()
      await waitForValue(page, 'input-name', NEW_NAME)
      assert.equal(await inputOf(page, 'input-student_count').inputValue(), '320')
    }))

  test('finds the institution by a Chinese search', () =>
    step('search', async () => {
      await page.goto('/institutions')
      await inputOf(page, 'filter-q').fill(SEARCH)
      await inputOf(page, 'filter-q').press('Enter')
      await page.waitForURL(/q=/)
      const rows = page.locator('[data-test="list"] [data-test="row-name"]')
      await page.waitForFunction(
        (name) => [...document.querySelectorAll('[data-test="row-name"]')].some((a) => a.textContent.includes(name)),
        NEW_NAME,
      )
      const names = await rows.allInnerTexts()
      assert.ok(names.length >= 1)
      for (const n of names) assert.ok(n.includes(SEARCH), `every hit contains the search text: ${n}`)
      await shot('05-search')
    }))

  test('sorts the list by a column and changes the page size', () =>
    step('sort', async () => {
      await page.goto('/institutions')
      await settled(page)
      const numbers = async () =>
        (await page.locator('[data-test="list"] .el-table__body td.col-student_count').allInnerTexts()).map((x) => Number(x.trim()))
      await page.locator('[data-test="list"] th.col-student_count .sort-caret.ascending').click()
      await page.waitForURL(/sort=student_count/)
      await settled(page)
      let xs = await numbers()
      assert.ok(xs.length > 1)
      assert.deepEqual(xs, [...xs].sort((a, b) => a - b), 'ascending')
      await page.locator('[data-test="list"] th.col-student_count .sort-caret.descending').click()
      await page.waitForURL(/sort=-student_count/)
      await settled(page)
      xs = await numbers()
      assert.deepEqual(xs, [...xs].sort((a, b) => b - a), 'descending')
      // A column whose sort field differs from its prop (region_name -> region).
      await page.locator('[data-test="list"] th.col-region_name .sort-caret.ascending').click()
      await page.waitForURL(/sort=region(&|$)/)
      await settled(page)
      assert.equal(await page.locator('[data-test="list"] .el-alert--error').count(), 0)
      // Page size 50: more rows (the demo has more than 20 institutions).
      assert.equal(await page.locator('[data-test="list"] .el-table__body tr').count(), 20)
      await page.locator('[data-test="pager"] .el-pagination__sizes .el-select').click()
      await page.locator('.el-popper:visible .el-select-dropdown__item', { hasText: '50' }).click()
      await page.waitForURL(/page_size=50/)
      await settled(page)
      assert.ok((await page.locator('[data-test="list"] .el-table__body tr').count()) > 20)
    }))

  test('edits the institution', () =>
    step('edit', async () => {
      await page.goto(`/institutions?q=${encodeURIComponent(SEARCH)}`)
      await page.locator('[data-test="row-name"]', { hasText: NEW_NAME }).click()
      await page.waitForURL(new RegExp(`/institutions/${institutionId}$`))
      await waitForValue(page, 'input-name', NEW_NAME)
      await inputOf(page, 'input-address').fill('湖北省通城县麦市镇')
      await inputOf(page, 'input-student_count').fill('356')
      await inputOf(page, 'input-student_count').press('Tab')
      await page.click('[data-test="save"]')
      await page.locator('.el-message--success').first().waitFor()
      await page.reload()
      await waitForValue(page, 'input-name', NEW_NAME)
      assert.equal(await inputOf(page, 'input-address').inputValue(), '湖北省通城县麦市镇')
      assert.equal(await inputOf(page, 'input-student_count').inputValue(), '356')
      await shot('06-edited')
    }))

  test('exports the filtered list to .xlsx', () =>
    step('export', async () => {
      await page.goto(`/institutions?q=${encodeURIComponent(SEARCH)}`)
      await page.locator('[data-test="row-name"]').first().waitFor()
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test="export"]')])
      assert.match(download.url(), /\/api\/v1\/institutions\/export\.xlsx\?/)
      assert.ok(new URL(download.url()).searchParams.get('q') === SEARCH, 'the export carries the current filters')
      const file = path.join(server.tmp, 'export.xlsx')
      await download.saveAs(file)
      const bytes = fs.readFileSync(file)
      assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an .xlsx is a zip file')
      assert.ok(bytes.length > 1000, `the file is not trivial (${bytes.length} bytes)`)
      assert.ok(bytes.includes(Buffer.from('xl/worksheets/')), 'it holds a worksheet')
    }))

  test('imports a CSV in valid_rows mode and reports the bad row', () =>
    step('import', async () => {
      const csv = [
        // The columns of the import template (GET /api/v1/institutions/import/template.xlsx).
        '名称,类型,城乡类别,薄弱学校,行政区划代码,地址,学生数,教职工数',
        `${IMPORT_GOOD[0]},小学,乡村,是,${REGION.code},通城县某镇,210,18`,
        `${IMPORT_BAD},不存在的类型,乡村,否,${REGION.code},通城县某乡,100,9`,
        `${IMPORT_GOOD[1]},幼儿园,镇区,否,${REGION.code},通城县某街道,150,12`,
      ].join('\r\n')
      const file = path.join(server.tmp, '单位导入.csv')
      fs.writeFileSync(file, '\ufeff' + csv + '\r\n')
      await page.goto('/institutions')
      await page.click('[data-test="import"]')
      await page.waitForURL(/\/institutions\/import$/)
      assert.equal(
        await page.locator('[data-test="import-template"]').getAttribute('href'),
        '/api/v1/institutions/import/template.xlsx',
      )
      await page.setInputFiles('[data-test="import-file"]', file)
      await page.locator('[data-test="import-file-name"]', { hasText: '单位导入.csv' }).waitFor()
      await page.click('[data-test="mode-valid_rows"]')
      await page.click('[data-test="import-upload"]')
      await page.locator('[data-test="import-result"]').waitFor()
      await shot('07-import-result')
      const stat = async (id) => (await page.locator(`[data-test="${id}"] .el-statistic__number`).innerText()).trim()
      assert.equal(await stat('import-total'), '3')
      assert.equal(await stat('import-imported'), '2')
      assert.equal(await stat('import-failed'), '1')
      const errorRows = page.locator('[data-test="import-errors"] .el-table__body tr')
      assert.equal(await errorRows.count(), 1)
      const cells = await errorRows.first().locator('td').allInnerTexts()
      assert.equal(cells[0].trim(), '3', 'the bad row is spreadsheet row 3 (row 1 is the header)')
      assert.match(cells[1], /kind|类型/)
      assert.ok(cells[2].trim().length > 0, 'the error says what is wrong')
      // The good rows are in the registry, the bad one is not.
      await page.goto(`/institutions?q=${encodeURIComponent('导入测试')}`)
      await page.locator('[data-test="row-name"]').first().waitFor()
      await settled(page)
      const names = await page.locator('[data-test="row-name"]').allInnerTexts()
      assert.deepEqual(names.map((n) => n.trim()).sort(), [...IMPORT_GOOD].sort())
    }))

  test('switching to English changes the menu (and Element Plus) and is remembered', () =>
    step('language', async () => {
      await page.goto('/institutions')
      const menu = page.locator('[data-test="menu-institutions"]')
      await menu.waitFor()
      assert.equal((await menu.innerText()).trim(), '单位')
      await page.click('[data-test="lang-en"]')
      await page.waitForFunction(
        () => document.querySelector('[data-test="menu-institutions"]').textContent.trim() === 'Institutions',
      )
      assert.equal((await page.locator('[data-test="menu-regions"]').innerText()).trim(), 'Regions')
      assert.match(await page.locator('[data-test="pager"]').innerText(), /Total/)
      await shot('08-english')
      await page.reload()
      await page.locator('[data-test="menu-staff"]').waitFor()
      assert.equal((await page.locator('[data-test="menu-staff"]').innerText()).trim(), 'Staff')
      await page.click('[data-test="lang-zh"]')
      await page.waitForFunction(() => document.querySelector('[data-test="menu-staff"]').textContent.trim() === '教职工')
    }))

  test('creates a staff member with subjects from the dictionary', () =>
    step('staff', async () => {
      await page.click('[data-test="menu-staff"]')
      await page.waitForURL(/\/staff/)
      await page.click('[data-test="create"]')
      await page.waitForURL(/\/staff\/new$/)
      await inputOf(page, 'input-name').fill('王晓梅')
      await page.click('[data-test="option-gender-female"]')
      await pickRemote(page, 'input-institution', SEARCH, `[data-test="option-institution-${institutionId}"]`)
      await page.locator('[data-test="input-subjects"]').click()
      await page.locator('.el-popper:visible [data-test="option-subject-math"]').click()
      await page.locator('.el-popper:visible [data-test="option-subject-science"]').click()
      await page.keyboard.press('Escape')
      await choose(page, 'input-title', 'option-title-intermediate')
      await inputOf(page, 'input-years_teaching').fill('8')
      await inputOf(page, 'input-phone').fill('13912345678')
      await page.click('[data-test="save"]')
      await page.waitForURL(/\/staff\/\d+$/)
      await waitForValue(page, 'input-name', '王晓梅')
      const tags = await page.locator('[data-test="input-subjects"] .el-tag').allInnerTexts()
      assert.deepEqual(tags.map((x) => x.trim()).sort(), ['数学', '科学'].sort())
      await shot('09-staff')
      // The list masks the phone number.
      await page.goto(`/staff?q=${encodeURIComponent('王晓梅')}`)
      await page.locator('[data-test="row-name"]', { hasText: '王晓梅' }).waitFor()
      assert.match(await page.locator('[data-test="list"] .el-table__body').innerText(), /139\*{4}5678/)
    }))

  test('API tokens: shown once with a copy button, work as Bearer, then revoked', () =>
    step('tokens', async () => {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
      await page.click('[data-test="menu-tokens"]')
      await page.waitForURL(/\/tokens$/)
      await inputOf(page, 'token-name').fill('年报统计脚本')
      await page.click('[data-test="token-create"]')
      const value = page.locator('[data-test="token-value"]')
      await value.waitFor()
      const token = (await value.innerText()).trim()
      assert.ok(token.length >= 20, 'the token is shown')
      await page.click('[data-test="token-copy"]')
      await page.locator('.el-message--success').first().waitFor()
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), token)
      await shot('10-token')
      const me = () => fetch(`${server.url}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${token}` } })
      assert.equal((await me()).status, 200, 'the token authenticates')
      await page.click('[data-test="token-dialog-close"]')
      const row = page.locator('[data-test="list"] .el-table__row', { hasText: '年报统计脚本' })
      await row.locator('[data-test="token-revoke"]').click()
      await page.locator('.el-message-box__btns button', { hasText: '吊销' }).click()
      await row.locator('.el-tag', { hasText: '已吊销' }).waitFor()
      assert.equal((await me()).status, 401, 'a revoked token no longer works')
    }))

  test('passwords: a guessable one is refused with the reason; login throttles are seen and cleared', () =>
    step('passwords-throttles', async () => {
      // Someone guesses wuxi's password from this machine: after the 4th failure, a delay.
      const tryLogin = (password) =>
        fetch(`${server.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'wuxi', password }),
        })
      for (let i = 0; i < 4; i++) assert.equal((await tryLogin(`Wrong@${i}`)).status, 401)
      assert.equal((await tryLogin(ADMIN.password)).status, 429)
      await page.goto('/users?q=wuxi')
      const row = page.locator('[data-test="throttles-list"] tr', { hasText: 'wuxi' })
      await row.waitFor()
      assert.match(await row.innerText(), /127\.0\.0\.1/)
      // The admin resets wuxi's password: a keyboard run is refused, with the reason.
      await page.locator('[data-test="list"] tr', { hasText: 'wuxi' }).locator('[data-test="row-reset-password"]').click()
      await inputOf(page, 'new-password').fill('qwertyuiop')
      await page.click('[data-test="password-save"]')
      await page.locator('[data-test="password-dialog"] .el-form-item__error', { hasText: '太容易被猜到' }).waitFor()
      await page.keyboard.press('Escape')
      // Clearing the throttle lets wuxi in again at once.
      await row.locator('[data-test="throttle-clear"]').click()
      await row.waitFor({ state: 'detached' })
      assert.equal((await tryLogin(ADMIN.password)).status, 200)
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page')
    }))
  test('logs out back to the login page', () =>
    step('logout', async () => {
      // A session that ends on the server (here: the cookie is gone) leads to the login page on
      // the next API call, which then returns to where the user was.
      await page.goto('/institutions')
      await page.locator('[data-test="row-name"]').first().waitFor()
      await page.context().clearCookies()
      await page.click('[data-test="menu-staff"]')
      await page.waitForURL(/\/login\?redirect=(%2F|\/)staff/)
      await inputOf(page, 'login-username').fill(ADMIN.username)
      await inputOf(page, 'login-password').fill(ADMIN.password)
      await page.click('[data-test="login-submit"]')
      await page.waitForURL(/\/staff$/)
      await page.locator('[data-test="row-name"]').first().waitFor()
      await page.click('[data-test="logout"]')
      await page.waitForURL(/\/login/)
      await page.goto('/staff')
      await page.waitForURL(/\/login/)
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page')
    }))
  test('a bureau admin sees only their own region', () =>
    step('bureau-admin', async () => {
      await page.goto('/login')
      await inputOf(page, 'login-username').fill('tongcheng')
      await inputOf(page, 'login-password').fill(ADMIN.password)
      await page.click('[data-test="login-submit"]')
      await page.waitForURL((u) => new URL(u).pathname === '/')
      await page.click('[data-test="menu-regions"]')
      await page.locator(`[data-test="region-${REGION.code}"]`).waitFor()
      const roots = await page.locator('[data-test="region-tree"] > .el-tree-node > .el-tree-node__content [data-test^="region-"] .name').allInnerTexts()
      assert.deepEqual(roots, [REGION.name], 'the tree starts at their county')
      const root = page.locator(`[data-test="region-${REGION.code}"]`)
      assert.equal(await root.locator('[data-test="region-delete"]').count(), 0, 'their own county cannot be deleted')
      assert.equal(await root.locator('[data-test="region-add"]').count(), 1, 'but they may add townships')
      await shot('11-bureau-regions')
      await page.goto(`/institutions?q=${encodeURIComponent(SEARCH)}`)
      await page.locator('[data-test="row-name"]', { hasText: NEW_NAME }).waitFor()
      await page.goto(`/institutions?q=${encodeURIComponent('霍城县')}`)
      await settled(page)
      await page.locator('[data-test="list"] .el-table__empty-block').waitFor()
      // They may create users, but never a system admin.
      await page.click('[data-test="menu-users"]')
      // The institutions page has a "create" button too: click the users' one, not a late one.
      await page.waitForURL(/\/users(\?|$)/)
      await settled(page)
      await page.click('[data-test="create"]')
      await page.locator('[data-test="user-role"]').click()
      await page.locator('.el-popper:visible [data-test="option-user_role-teacher"]').waitFor()
      assert.equal(await page.locator('.el-popper:visible [data-test="option-user_role-system_admin"]').count(), 0)
      await page.keyboard.press('Escape')
      assert.deepEqual(pageErrors, [], 'no uncaught errors in the page')
    }))
})
