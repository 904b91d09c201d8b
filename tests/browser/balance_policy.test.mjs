// Browser test of the balance index's policy page (优质均衡 标准设置, issue 13). The bureau admin
// of 通城县 opens it from the menu and sees the national method, sets the primary CV limit to 0.3
// and saves (the county page's policy line then says so and links back); a negative standard is
// refused under its input and nothing is saved; "恢复为上级标准" returns to the national method; a
// city's policy set by the system admin is shown as inherited; the inspector of 通城县 reads the
// page without a form to change; at 390 px the page does not overflow the body.
// Run: BANGFU_BIN=build/src/cli/bangfu node --test tests/browser/balance_policy.test.mjs
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { ensureWebBuild, startServer, launchBrowser, inputOf, waitForValue } from './harness.mjs'

const PASSWORD = 'Bangfu@2026'
const COUNTY = '421222' // 通城县
const CITY = '421200' // 咸宁市, above it

describe('balance policy page in Chromium', { timeout: 300_000 }, () => {
  let server
  let browser
  let page
  let shotDir
  let api // tongcheng's API client
  let admin // the system admin's
  const pageErrors = []

  async function step(name, fn) {
    try {
      await fn()
    } catch (err) {
      if (page) {
        const file = path.join(shotDir, `balance-policy-${name.replace(/[^\w-]+/g, '_')}.png`)
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

  const policyOf = async (region) => {
    const r = await api('GET', `/api/v1/balance/policy?region=${region}`)
    assert.equal(r.status, 200, r.text)
    return r.json
  }
  const source = (p) => p.locator('[data-test="policy-source"]')
  const fieldError = (p, field) => p.locator(`[data-test="field-${field}"] .el-form-item__error`)

  before(async () => {
    ensureWebBuild()
    server = await startServer()
    shotDir = process.env.BANGFU_SCREENSHOTS || server.tmp
    browser = await launchBrowser()
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 1440, height: 900 } })
    context.setDefaultTimeout(15_000)
    page = await context.newPage()
    page.on('pageerror', (err) => pageErrors.push(String(err)))
    api = await login('tongcheng')
    admin = await login('admin')
  })

  after(async () => {
    if (browser) await browser.close()
    if (server) await server.stop()
    if (server && !process.env.BANGFU_KEEP_TMP) {
      for (const f of fs.readdirSync(server.tmp)) if (!f.endsWith('.png')) fs.rmSync(path.join(server.tmp, f), { force: true })
      if (!fs.readdirSync(server.tmp).length) fs.rmdirSync(server.tmp)
    }
  })

  test('the county bureau opens the page from the menu and sees the national method', () =>
    step('national', async () => {
      await uiLogin(page, 'tongcheng')
      await page.click('[data-test="menu-balance"]')
      await page.click('[data-test="menu-balance-policy"]')
      await page.waitForURL(new RegExp(`/balance/policy\\?region=${COUNTY}`))
      await page.waitForSelector('[data-test="policy-source"][data-source="national"]')
      const text = await source(page).innerText()
      assert.match(text, /国家标准/)
      assert.match(text, /通城县/)
      assert.match(text, /教督〔2017〕6号/)

      // The standards as a table of the seven indicators by stage, with their units.
      assert.equal(await page.locator('[data-test="policy-standards"] tbody tr[data-test^="policy-row-"]').count(), 8)
      assert.match(await page.locator('[data-test="policy-row-room_area"]').innerText(), /生均教学及辅助用房面积[\s\S]*m²\/生/)
      await waitForValue(page, 'input-standards.primary.room_area', '4.5')
      await waitForValue(page, 'input-standards.junior.equipment', '2500')
      await waitForValue(page, 'input-cv_limits.primary', '0.5')
      await waitForValue(page, 'input-cv_limits.junior', '0.45')
      await waitForValue(page, 'input-min_indicators_met', '6')
      await waitForValue(page, 'input-floor_percent', '85')
      await waitForValue(page, 'input-junior_weight', '1.1')
      await waitForValue(page, 'input-min_students', '50')
      // The method, in a few lines.
      const method = await page.locator('[data-test="policy-method"]').innerText()
      for (const s of ['至少 6 项', '85%', '0.50', '0.45', '1 : 初中 1.1', '不足 50 人']) assert.ok(method.includes(s), s)

      // Editable for the county's own bureau; nothing of its own to return from.
      assert.equal(await page.locator('[data-test="policy-readonly"]').count(), 0)
      assert.equal(await inputOf(page, 'input-cv_limits.primary').isDisabled(), false)
      assert.equal(await page.locator('[data-test="policy-reset"]').count(), 0)
    }))

  test('the primary CV limit set to 0.3 is saved as the county\'s own; the county page says so and links back', () =>
    step('save', async () => {
      await inputOf(page, 'input-cv_limits.primary').fill('0.3')
      await page.click('[data-test="policy-save"]')
      await page.waitForSelector('[data-test="policy-source"][data-source="own"]')
      assert.match(await source(page).innerText(), /通城县现行的是本地区自行设置的标准/)
      await page.locator('[data-test="policy-reset"]').waitFor()
      await waitForValue(page, 'input-cv_limits.primary', '0.3')

      const p = await policyOf(COUNTY)
      assert.equal(p.region, COUNTY)
      assert.equal(p.is_default, false)
      assert.equal(p.cv_limits.primary, 0.3)
      assert.equal(p.cv_limits.junior, 0.45)
      assert.equal(p.standards.primary.room_area, 4.5)

      // The county page's policy line names the county's own standards and links here.
      await page.goto(`/balance?region=${COUNTY}&year=2025`)
      const line = page.locator('[data-test="balance-policy"]')
      await line.waitFor()
      assert.match(await line.innerText(), /本地标准，通城县[\s\S]*小学不高于 0\.3/)
      await page.click('[data-test="balance-policy-link"]')
      await page.waitForURL(new RegExp(`/balance/policy\\?region=${COUNTY}$`))
      await page.waitForSelector('[data-test="policy-source"][data-source="own"]')
    }))

  test('a negative standard is refused under its input and nothing is saved', () =>
    step('bad', async () => {
      const before = await policyOf(COUNTY)
      await waitForValue(page, 'input-standards.primary.room_area', '4.5')
      await inputOf(page, 'input-standards.primary.room_area').fill('-1')
      await inputOf(page, 'input-cv_limits.junior').fill('0.4')
      await page.click('[data-test="policy-save"]')
      const err = fieldError(page, 'standards.primary.room_area')
      await err.waitFor()
      assert.match(await err.innerText(), /正数/)
      assert.equal(await fieldError(page, 'cv_limits.junior').count(), 0)
      await page.locator('[data-test="form-error"]').waitFor()
      // Nothing changed: neither the bad standard nor the good limit sent with it.
      const after = await policyOf(COUNTY)
      assert.deepEqual(after, before)

      // Undoing the edits brings back the saved values and clears the message.
      await page.click('[data-test="policy-undo"]')
      await err.waitFor({ state: 'detached' })
      await waitForValue(page, 'input-standards.primary.room_area', '4.5')
      await waitForValue(page, 'input-cv_limits.junior', '0.45')
    }))

  test('"恢复为上级标准" returns the county to the national method', () =>
    step('reset', async () => {
      await page.click('[data-test="policy-reset"]')
      await page.locator('.el-message-box__btns button', { hasText: '恢复为上级标准' }).click()
      await page.waitForSelector('[data-test="policy-source"][data-source="national"]')
      await page.locator('[data-test="policy-reset"]').waitFor({ state: 'detached' })
      await waitForValue(page, 'input-cv_limits.primary', '0.5')
      const p = await policyOf(COUNTY)
      assert.equal(p.region, null)
      assert.equal(p.is_default, true)
      assert.equal(p.cv_limits.primary, 0.5)
    }))

  test('a policy of the city above is shown as inherited', () =>
    step('inherited', async () => {
      const put = await admin('PUT', `/api/v1/balance/policy?region=${CITY}`, { min_students: 40 })
      assert.equal(put.status, 200, put.text)
      try {
        await page.reload()
        await page.waitForSelector('[data-test="policy-source"][data-source="inherited"]')
        // The county's bureau does not hold the city in its region list: the server names it.
        assert.match(await page.locator('[data-test="policy-source-region"]').innerText(), /咸宁市/)
        await waitForValue(page, 'input-min_students', '40')
        assert.equal(await page.locator('[data-test="policy-reset"]').count(), 0)
      } finally {
        assert.equal((await admin('DELETE', `/api/v1/balance/policy?region=${CITY}`)).status, 200)
      }
      assert.equal(pageErrors.length, 0, pageErrors.join('\n'))
    }))

  test('the inspector reads the page without a form to change', () =>
    step('inspector', async () => {
      const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 1440, height: 900 } })
      context.setDefaultTimeout(15_000)
      const own = await context.newPage()
      own.on('pageerror', (err) => pageErrors.push(String(err)))
      try {
        await uiLogin(own, 'inspector')
        await own.click('[data-test="menu-balance"]')
        await own.click('[data-test="menu-balance-policy"]')
        await own.waitForURL(new RegExp(`/balance/policy\\?region=${COUNTY}`))
        await own.waitForSelector('[data-test="policy-source"][data-source="national"]')
        assert.match(await own.locator('[data-test="policy-readonly"]').innerText(), /督学只能查看/)
        await waitForValue(own, 'input-cv_limits.primary', '0.5')
        assert.equal(await inputOf(own, 'input-cv_limits.primary').isDisabled(), true)
        assert.equal(await inputOf(own, 'input-min_students').isDisabled(), true)
        assert.equal(await own.locator('[data-test="policy-save"]').count(), 0)
        assert.equal(await own.locator('[data-test="policy-reset"]').count(), 0)
      } finally {
        await context.close()
      }
      assert.equal(pageErrors.length, 0, pageErrors.join('\n'))
    }))

  test('at 390 px the page fits the phone\'s width, with a field error shown', () =>
    step('phone', async () => {
      const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 390, height: 844 } })
      context.setDefaultTimeout(15_000)
      const phone = await context.newPage()
      phone.on('pageerror', (err) => pageErrors.push(String(err)))
      try {
        await uiLogin(phone, 'tongcheng')
        await phone.goto(`/balance/policy?region=${COUNTY}`)
        await phone.waitForSelector('[data-test="policy-source"][data-source="national"]')
        await waitForValue(phone, 'input-standards.junior.sports_area', '10.2')
        assert.deepEqual(await overflow(phone), { doc: 0, body: 0, main: 0 }, 'policy page')
        // Every input of the table stays within the window.
        const right = await phone.evaluate(() =>
          Math.max(...[...document.querySelectorAll('[data-test="policy-standards"] input')].map((el) => el.getBoundingClientRect().right)),
        )
        assert.ok(right <= 390, `inputs reach ${right}px`)
        await inputOf(phone, 'input-standards.junior.equipment').fill('-1')
        await phone.click('[data-test="policy-save"]')
        await fieldError(phone, 'standards.junior.equipment').waitFor()
        assert.deepEqual(await overflow(phone), { doc: 0, body: 0, main: 0 }, 'policy page with an error')
        assert.equal((await policyOf(COUNTY)).is_default, true)
      } finally {
        await context.close()
      }
      assert.equal(pageErrors.length, 0, pageErrors.join('\n'))
    }))
})
