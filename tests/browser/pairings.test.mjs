// Browser test of the pairings UI (issue scenario): a bureau admin creates A→B and B→C on 师资,
// tries C→A on 师资 and sees the cycle refusal under 受援方, then creates C→A on 物资; the pairing
// page shows the timeline and ends the pairing; the program's graph is drawn.
// Run: scripts/build-web.sh && BANGFU_BIN=build/src/cli/bangfu BANGFU_WEB=$PWD/web/dist node --test tests/browser/pairings.test.mjs
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { ensureWebBuild, startServer, launchBrowser, inputOf, choose, settled } from './harness.mjs'

const PASSWORD = 'Bangfu@2026'
// Schools of the test's own in 叶集区 (bureau admin "yeji"), so demo pairings never interfere.
const SCHOOLS = { A: '浏览器测试甲中学', B: '浏览器测试乙小学', C: '浏览器测试丙小学' }

// A small API client for the setup (the UI is what is under test).
async function apiLogin(base, username) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  })
  assert.equal(res.status, 200, `login ${username}`)
  const cookie = (res.headers.get('set-cookie') || '').match(/bangfu_session=[^;]*/)[0]
  const { csrf_token: csrf } = await res.json()
  return async (method, p, body) => {
    const r = await fetch(base + p, {
      method,
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await r.text()
    assert.ok(r.status < 300, `${method} ${p}: ${r.status} ${text}`)
    return text ? JSON.parse(text) : null
  }
}

describe('pairings UI in Chromium', { timeout: 270_000 }, () => {
  let server
  let browser
  let page
  let shotDir
  let programId
  const id = {}
  const pairingIds = []
  const pageErrors = []

  async function step(name, fn) {
    try {
      await fn()
    } catch (err) {
      if (page) {
        const file = path.join(shotDir, `pairings-${name.replace(/[^\w-]+/g, '_')}.png`)
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
    const admin = await apiLogin(server.url, 'admin')
    for (const [key, name] of Object.entries(SCHOOLS)) {
      id[key] = (await admin('POST', '/api/v1/institutions', {
        name, kind: 'primary', locality: key === 'A' ? 'town' : 'rural', weak: key !== 'A', region: '341504',
      })).id
    }
    const yeji = await apiLogin(server.url, 'yeji')
    programId = (await yeji('POST', '/api/v1/programs', {
      name: '叶集区城乡学校结对帮扶（浏览器测试）', kind: 'urban_rural_school', region: '341504', start_date: '2026-01-01', status: 'active',
    })).id
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

  // A closing dropdown fades out while still "visible" and may hold the same option as the next
  // one (both institution selects list the same schools): wait until every dropdown is closed.
  async function poppersClosed(timeout) {
    await page.waitForFunction(
      () => [...document.querySelectorAll('.el-select__popper')].every((e) => getComputedStyle(e).display === 'none'),
      undefined,
      timeout ? { timeout } : {},
    )
  }

  // The remote institution search answers while the user types: the list may be re-rendered
  // under the click, so check the choice took and close a dropdown left open.
  async function pickInstitution(field, key) {
    await poppersClosed()
    const select = page.locator(`[data-test="input-${field}"]`)
    await select.click()
    // The remote search may re-render its options right as one is clicked (a slow machine, an
    // earlier search answering late): then the click lands on a replaced element and selects
    // nothing, so it is tried again, as a user would.
    for (let attempt = 1; ; attempt++) {
      await page.locator(`[data-test="input-${field}"] input`).fill(SCHOOLS[key])
      await page.locator(`.el-popper:visible [data-test="option-institution-${id[key]}"]`).click()
      try {
        await page.waitForFunction(
          ([f, name]) => (document.querySelector(`[data-test="input-${f}"]`)?.innerText || '').includes(name),
          [field, SCHOOLS[key]],
          { timeout: 5000 },
        )
        break
      } catch (err) {
        if (attempt >= 3) throw err
      }
    }
    try {
      await poppersClosed(2000)
    } catch {
      await page.keyboard.press('Escape')
      await poppersClosed()
    }
  }

  async function toggleDimension(value) {
    await poppersClosed()
    await page.locator('[data-test="input-dimensions"]').click()
    const option = page.locator(`.el-popper:visible [data-test="option-pairing_dimension-${value}"]`)
    await option.waitFor({ state: 'visible' })
    await option.click()
    await page.keyboard.press('Escape')
    await poppersClosed()
  }

  async function fillForm(from, to, dimension) {
    await page.goto('/pairings')
    await page.click('[data-test="create"]')
    await page.waitForURL(/\/pairings\/new$/)
    await choose(page, 'input-program', `option-program-${programId}`)
    await pickInstitution('supporter', from)
    await pickInstitution('recipient', to)
    await toggleDimension(dimension)
    // The date picker's own input (inside the form item).
    const date = page.locator('[data-test="field-start_date"] input').first()
    await date.fill('2026-09-01')
    await date.press('Enter')
  }

  async function save() {
    await page.click('[data-test="save"]')
    await page.waitForURL(/\/pairings\/\d+$/)
    pairingIds.push(Number(page.url().match(/\/pairings\/(\d+)$/)[1]))
    await page.locator('[data-test="parties"]').waitFor()
  }

  test('the bureau admin logs in and opens 结对关系', () =>
    step('login', async () => {
      await page.goto('/login')
      await inputOf(page, 'login-username').fill('yeji')
      await inputOf(page, 'login-password').fill(PASSWORD)
      await page.click('[data-test="login-submit"]')
      await page.locator('[data-test="current-user-name"]').waitFor()
      await page.click('[data-test="menu-pairings"]')
      await page.waitForURL(/\/pairings/)
      assert.equal((await page.locator('[data-test="menu-pairings"]').innerText()).trim(), '结对关系')
    }))

  test('the form checks required fields before sending', () =>
    step('required', async () => {
      await page.click('[data-test="create"]')
      await page.waitForURL(/\/pairings\/new$/)
      await page.click('[data-test="save"]')
      await page.locator('[data-test="field-recipient"] .el-form-item__error').waitFor()
      await page.locator('[data-test="field-dimensions"] .el-form-item__error').waitFor()
    }))

  test('creates A → B and B → C on 师资 (a ladder)', () =>
    step('create-ladder', async () => {
      await fillForm('A', 'B', 'teachers')
      await shot('pairings-01-form')
      await save()
      assert.equal((await page.locator('[data-test="supporter"]').innerText()).trim(), SCHOOLS.A)
      assert.equal((await page.locator('[data-test="recipient"]').innerText()).trim(), SCHOOLS.B)
      assert.deepEqual(await page.locator('[data-test="dimension"]').allInnerTexts(), ['师资'])
      await page.locator('[data-test="timeline-pairing_start"]').waitFor()
      await fillForm('B', 'C', 'teachers')
      await save()
    }))

  test('C → A on 师资 is refused with the cycle shown under 受援方', () =>
    step('cycle', async () => {
      await fillForm('C', 'A', 'teachers')
      await page.click('[data-test="save"]')
      const error = page.locator('[data-test="field-recipient"] .el-form-item__error')
      await error.waitFor()
      const text = (await error.innerText()).trim()
      assert.equal(text, `将形成循环：${SCHOOLS.C} → ${SCHOOLS.A} → ${SCHOOLS.B} → ${SCHOOLS.C}（师资）`)
      assert.match(page.url(), /\/pairings\/new$/) // nothing was created
      await shot('pairings-02-cycle')
    }))

  test('C → A on 物资 instead succeeds', () =>
    step('other-dimension', async () => {
      await toggleDimension('teachers') // off
      await toggleDimension('materials')
      // With the agreement file, uploaded once the pairing exists.
      await page.setInputFiles('[data-test="input-agreement-file"]', {
        name: '手拉手互助协议.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n互助协议\n%%EOF\n'),
      })
      await page.locator('[data-test="file-chosen"]').waitFor()
      await save()
      assert.deepEqual(await page.locator('[data-test="dimension"]').allInnerTexts(), ['物资'])
      assert.equal((await page.locator('[data-test="agreement-download"]').innerText()).trim(), '手拉手互助协议.pdf')
      const href = await page.locator('[data-test="agreement-download"]').getAttribute('href')
      const res = await page.request.get(href)
      assert.equal(res.status(), 200)
      assert.match((await res.body()).toString('utf8'), /^%PDF-1\.4/)
      assert.equal((await page.locator('[data-test="supporter"]').innerText()).trim(), SCHOOLS.C)
    }))

  test('the list filters by dimension and links to the pairing page', () =>
    step('list', async () => {
      await page.goto(`/pairings?program=${programId}&dimension=materials`)
      await settled(page)
      const rows = page.locator('[data-test="list"] .el-table__body tr')
      await rows.first().waitFor()
      assert.equal(await rows.count(), 1)
      await page.locator('[data-test="row-supporter"]').first().click()
      await page.waitForURL(new RegExp(`/pairings/${pairingIds[2]}$`))
    }))

  test('ends a pairing from its page', () =>
    step('end', async () => {
      await page.goto(`/pairings/${pairingIds[0]}`)
      await page.click('[data-test="end"]')
      await page.locator('[data-test="end-confirm"]').click()
      await page.locator('.el-message--success').first().waitFor()
      assert.equal((await page.locator('[data-test="status"]').innerText()).trim(), '已结束')
      assert.match((await page.locator('[data-test="end-date"]').innerText()).trim(), /^\d{4}-\d{2}-\d{2}$/)
      await page.locator('[data-test="timeline-pairing_end"]').waitFor()
      assert.equal(await page.locator('[data-test="end"]').count(), 0)
    }))

  test('the program graph is drawn from the pairing page\'s program link', () =>
    step('graph', async () => {
      await page.click('[data-test="program-link"]')
      await page.waitForURL(new RegExp(`/programs/${programId}/pairings$`))
      await page.locator('[data-test="pairing-graph"] canvas').waitFor()
      const rows = page.locator('[data-test="program-pairing-list"] .el-table__body tr')
      await rows.first().waitFor()
      assert.equal(await rows.count(), 3)
      await shot('pairings-03-graph')
      assert.deepEqual(pageErrors, [])
    }))

  test('the institution page lists its pairings in both directions', () =>
    step('institution', async () => {
      await page.goto(`/institutions/${id.B}`)
      const rows = page.locator('[data-test="institution-pairing-list"] .el-table__body tr')
      await rows.first().waitFor()
      assert.equal(await rows.count(), 2)
      assert.deepEqual((await page.locator('[data-test="direction"]').allInnerTexts()).map((x) => x.trim()).sort(), ['受援', '支援'])
      assert.deepEqual(pageErrors, [])
    }))
})
