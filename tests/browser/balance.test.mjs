// Browser test of the balance index (优质均衡, issue 13). The bureau admin of 通城县 enters a
// school's resources for 2025-2026 through the form (from the institution page; the registry's
// default, a bad area refused field by field and nothing saved, then saved), another school's
// through the API, and a third school without inputs is created; the county page shows the
// verdict, the CVs and the schools, the school without inputs in the missing list links to its
// form, the counties page links to the county; at 390 px the pages do not overflow the body.
// The demo's own balance data is not relied on: the test makes what it needs.
// Run: BANGFU_BIN=build/src/cli/bangfu BANGFU_WEB=$PWD/web/dist node --test tests/browser/balance.test.mjs
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { ensureWebBuild, startServer, launchBrowser, inputOf, choose, settled, waitForValue } from './harness.mjs'

const PASSWORD = 'Bangfu@2026'
const SCHOOL_YEAR = '2025-2026'

describe('balance index in Chromium', { timeout: 300_000 }, () => {
  let server
  let browser
  let page
  let shotDir
  let api // tongcheng's API client
  let wantou // 五里镇湾头小学
  let shiyan // 通城县实验小学
  let newSchool // created without inputs
  const pageErrors = []

  async function step(name, fn) {
    try {
      await fn()
    } catch (err) {
      if (page) {
        const file = path.join(shotDir, `balance-${name.replace(/[^\w-]+/g, '_')}.png`)
        await page.screenshot({ path: file, fullPage: true }).catch(() => {})
        err.message += `\n(screenshot: ${file}; url: ${page.url()})`
      }
      throw err
    }
  }

  async function login(username) {
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    })
    assert.equal(res.status, 200)
    const cookie = (res.headers.get('set-cookie') || '').match(/bangfu_session=[^;]*/)[0]
    const { csrf_token: csrf } = await res.json()
    return async (method, url, body) => {
      const r = await fetch(server.url + url, {
        method,
        headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await r.text()
      return { status: r.status, json: text ? JSON.parse(text) : null, text }
    }
  }

  async function uiLogin(p, username) {
    await p.goto('/login')
    await inputOf(p, 'login-username').fill(username)
    await inputOf(p, 'login-password').fill(PASSWORD)
    await p.click('[data-test="login-submit"]')
    await p.locator('[data-test="current-user-name"]').waitFor()
  }

  // Whether the page is wider than the window (a horizontal scroll of the body).
  async function overflow(p) {
    return p.evaluate(() => {
      const main = document.querySelector('.main')
      return {
        doc: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        body: document.body.scrollWidth - window.innerWidth,
        main: main.scrollWidth - main.clientWidth, // the page's own scroller
      }
    })
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

    api = await login('tongcheng')
    const insts = (await api('GET', '/api/v1/institutions?page_size=200')).json.items
    const id = (name) => insts.find((x) => x.name === name).id
    wantou = id('五里镇湾头小学')
    shiyan = id('通城县实验小学')
    // The county's other school, through the API: it meets every standard.
    const put = await api('PUT', `/api/v1/institutions/${shiyan}/conditions?school_year=${SCHOOL_YEAR}`, {
      primary_students: 2640,
      junior_students: 0,
      degree_teachers: 120,
      backbone_teachers: 30,
      pe_arts_teachers: 25,
      room_area_m2: 13000.5,
      sports_area_m2: 20000,
      equipment_value_fen: 600_000_000,
      multimedia_rooms: 66,
    })
    assert.equal(put.status, 200, put.text)
  })

  after(async () => {
    if (browser) await browser.close()
    if (server) await server.stop()
    if (server && !process.env.BANGFU_KEEP_TMP) {
      for (const f of fs.readdirSync(server.tmp)) if (!f.endsWith('.png')) fs.rmSync(path.join(server.tmp, f), { force: true })
      if (!fs.readdirSync(server.tmp).length) fs.rmdirSync(server.tmp)
    }
  })

  test('the bureau enters a school\'s resources through the form; a bad area is refused field by field', () =>
    step('form', async () => {
      await uiLogin(page, 'tongcheng')
      await page.goto(`/institutions/${wantou}`)
      await page.click('[data-test="to-conditions"]')
      await page.waitForURL(new RegExp(`/balance/conditions/${wantou}`))
      await choose(page, 'conditions-year', 'year-option-2025')
      await page.waitForURL(/school_year=2025-2026/)
      await settled(page)
      assert.equal(await page.locator('[data-test="conditions-status"]').getAttribute('data-entered'), 'false')

      // The registry's defaults, with where they come from; the student count is taken over.
      assert.match(await page.locator('[data-test="default-pe_arts_teachers"]').innerText(), /教职工名册/)
      assert.match(await page.locator('[data-test="default-primary_students"]').innerText(), /在校生数 186/)
      await page.click('[data-test="use-default-primary_students"]')
      await waitForValue(page, 'input-primary_students', '186')
      // A primary school has no junior students: the field is fixed at 0.
      assert.equal(await inputOf(page, 'input-junior_students').isDisabled(), true)

      await inputOf(page, 'input-degree_teachers').fill('6')
      await inputOf(page, 'input-backbone_teachers').fill('1')
      await inputOf(page, 'input-pe_arts_teachers').fill('1')
      await inputOf(page, 'input-multimedia_rooms').fill('3')
      await inputOf(page, 'input-room_area_m2').fill('700.123')
      await inputOf(page, 'input-sports_area_m2').fill('1000')
      await inputOf(page, 'input-equipment_value').fill('200,000')
      await page.click('[data-test="conditions-save"]')
      const fieldError = page.locator('[data-test="field-room_area_m2"] .el-form-item__error')
      await fieldError.waitFor()
      assert.match(await fieldError.innerText(), /两位小数/)
      // Nothing was saved.
      const before = await api('GET', `/api/v1/institutions/${wantou}/conditions?school_year=${SCHOOL_YEAR}`)
      assert.equal(before.json.entered, false)

      await inputOf(page, 'input-room_area_m2').fill('700.12')
      await page.click('[data-test="conditions-save"]')
      await page.waitForSelector('[data-test="conditions-status"][data-entered="true"]')
      await fieldError.waitFor({ state: 'detached' })
      const saved = (await api('GET', `/api/v1/institutions/${wantou}/conditions?school_year=${SCHOOL_YEAR}`)).json.conditions
      assert.equal(saved.primary_students, 186)
      assert.equal(saved.room_area_m2, 700.12)
      assert.equal(saved.equipment_value_fen, 20_000_000) // 200,000 yuan
      assert.equal(saved.pe_arts_teachers, 1)

      // The school's own figures: it misses the standards (3.23 degree teachers per 100 < 4.2).
      const figure = page.locator(`[data-test="figure-2025-primary-degree_teachers"]`)
      await figure.waitFor()
      assert.equal(await figure.innerText(), '3.23')
      assert.equal(await figure.getAttribute('data-missed'), 'true')
      assert.equal(await page.locator('[data-test="figures-pass-2025-primary"]').getAttribute('data-pass'), 'false')
    }))

  test('the county page shows the verdict, the CVs and the schools; a school without inputs links to its form', () =>
    step('county', async () => {
      // A third school of the county, without inputs: the county cannot be evaluated.
      const created = await api('POST', '/api/v1/institutions', { name: '通城县均衡测试小学', kind: 'primary', locality: 'rural', region: '421222', student_count: 300 })
      assert.equal(created.status, 201, created.text)
      newSchool = created.json.id

      await page.click('[data-test="menu-balance"]')
      await page.click('[data-test="menu-balance-county"]')
      await page.waitForURL(/\/balance\?/)
      await page.waitForURL(/region=421222/)
      await page.waitForURL(/year=2025/) // the latest year with inputs
      const verdict = page.locator('[data-test="balance-verdict"]')
      await verdict.waitFor()
      assert.equal(await verdict.getAttribute('data-verdict'), 'incomplete')
      assert.match(await verdict.innerText(), /通城县 2025-2026学年/)
      assert.match(await page.locator('[data-test="balance-verdict-label"]').innerText(), /未填报/)
      assert.match(await page.locator('[data-test="stage-line-primary"]').innerText(), /达标学校 1\/2/)

      // Each indicator's CV against its limit.
      const cv = await page.locator('[data-test="cv-primary-degree_teachers"]').innerText()
      assert.match(cv, /^0\.\d{3}$/)
      assert.equal(await page.locator('[data-test="cv-pass-primary-degree_teachers"]').getAttribute('data-pass'), 'true')
      await page.locator('[data-test="balance-cv-chart-primary"] canvas').waitFor()

      // The schools: 湾头 misses its standards and holds most of the variance.
      assert.equal(await page.locator(`[data-test="school-pass-${wantou}"]`).getAttribute('data-pass'), 'false')
      assert.equal(await page.locator(`[data-test="school-pass-${shiyan}"]`).getAttribute('data-pass'), 'true')
      assert.equal(await page.locator(`[data-test="value-${wantou}-room_area"]`).first().getAttribute('data-missed'), 'true')
      const share = Number((await page.locator(`[data-test="share-${wantou}"]`).first().innerText()).replace('%', ''))
      assert.ok(share > 50, `share ${share}`)
      await choose(page, 'balance-share-key', 'share-option-equipment')
      await page.waitForURL(/indicator=equipment/)
      await page.locator(`[data-test="share-${wantou}"]`).first().waitFor()

      // The school without inputs, and its link to the form of the same year.
      const missing = page.locator(`[data-test="missing-${newSchool}"]`)
      assert.match(await missing.innerText(), /通城县均衡测试小学/)
      await page.click(`[data-test="missing-enter-${newSchool}"]`)
      await page.waitForURL(new RegExp(`/balance/conditions/${newSchool}\\?school_year=2025-2026`))
      await page.waitForSelector('[data-test="conditions-status"][data-entered="false"]')
      assert.match(await page.locator('[data-test="conditions-year"]').innerText(), /2025-2026学年/)
      assert.equal(pageErrors.length, 0, pageErrors.join('\n'))
    }))

  test('the counties page lists the county and links to it', () =>
    step('counties', async () => {
      await page.goto('/balance/counties?region=421222&year=2025')
      const link = page.locator('[data-test="county-421222"]')
      await link.waitFor()
      assert.equal(await page.locator('[data-test="county-verdict-421222"]').getAttribute('data-verdict'), 'incomplete')
      await link.click()
      await page.waitForURL(/\/balance\?region=421222&year=2025/)
      await page.locator('[data-test="balance-verdict"]').waitFor()
    }))

  test('at 390 px the balance pages fit the phone\'s width', () =>
    step('phone', async () => {
      const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 390, height: 844 } })
      context.setDefaultTimeout(15_000)
      const phone = await context.newPage()
      phone.on('pageerror', (err) => pageErrors.push(String(err)))
      try {
        await uiLogin(phone, 'tongcheng')
        await phone.goto('/balance?region=421222&year=2025')
        await phone.locator('[data-test="balance-verdict"]').waitFor()
        await phone.locator(`[data-test="school-pass-${wantou}"]`).waitFor()
        await phone.locator('[data-test="balance-trend-chart"] canvas').waitFor()
        assert.deepEqual(await overflow(phone), { doc: 0, body: 0, main: 0 }, 'county page')
        // The menu slides in from the toggle and leads to the page.
        await phone.click('[data-test="menu-toggle"]')
        await phone.click('[data-test="menu-balance-counties"]') // its sub-menu is open on /balance
        await phone.locator('[data-test="county-421222"]').waitFor()
        assert.deepEqual(await overflow(phone), { doc: 0, body: 0, main: 0 }, 'counties page')
        await phone.goto(`/balance/conditions/${wantou}?school_year=${SCHOOL_YEAR}`)
        await phone.waitForSelector('[data-test="conditions-status"][data-entered="true"]')
        await phone.locator('[data-test="figures-2025"]').waitFor()
        assert.deepEqual(await overflow(phone), { doc: 0, body: 0, main: 0 }, 'form')
      } finally {
        await context.close()
      }
      assert.equal(pageErrors.length, 0, pageErrors.join('\n'))
    }))
})
