// Browser test of the yearly appraisal: 戴文敏 (teacher2) writes her self-appraisal from her
// "waiting for me" list; the recipient 乡城县中学 rates her, the sender 彭州市白马中学 signs its
// opinion and the 彭州 office approves, each from their own list; the approved record is locked
// and the payment list shows her 33,000 yuan.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { ensureWebBuild, startServer, launchBrowser, inputOf, settled } from './harness.mjs'

const PASSWORD = 'Bangfu@2026'

// Logs in through the API and returns a fetch bound to the session.
async function apiSession(base, username) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  })
  assert.equal(res.status, 200, `login ${username}`)
  const cookie = res.headers.get('set-cookie').match(/bangfu_session=[^;]*/)[0]
  const { csrf_token: csrf } = await res.json()
  return async (method, p, body) => {
    const r = await fetch(`${base}${p}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await r.text()
    assert.ok(r.ok, `${method} ${p}: ${r.status} ${text}`)
    return text ? JSON.parse(text) : null
  }
}

describe('appraisal UI in Chromium', { timeout: 300_000 }, () => {
  let server
  let browser
  let page
  let shotDir
  let program
  let appraisal
  const pageErrors = []

  async function step(name, fn) {
    try {
      await fn()
    } catch (err) {
      if (page) {
        const file = path.join(shotDir, `appraisals-${name.replace(/[^\w-]+/g, '_')}.png`)
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
      await page.screenshot({ path: path.join(process.env.BANGFU_SCREENSHOTS, `appraisals-${name}.png`), fullPage: true })
    }
  }

  async function login(username) {
    await page.goto('/login')
    await inputOf(page, 'login-username').fill(username)
    await inputOf(page, 'login-password').fill(PASSWORD)
    await page.click('[data-test="login-submit"]')
    await page.locator('[data-test="current-user-name"]').waitFor()
  }

  async function logout() {
    await page.click('[data-test="logout"]')
    await page.waitForURL(/\/login/)
  }

  // 待我处理 sits in the 支教管理 group of the menu: open the group when it is closed.
  async function menuWaiting() {
    const item = page.locator('[data-test="menu-appraisals-waiting"]')
    if (!(await item.isVisible())) await page.click('[data-test="menu-dispatch"] > .el-sub-menu__title')
    await item.click()
  }

  // From "waiting for me": the one appraisal waiting, opened with its 处理 button.
  async function openFromWaiting() {
    await menuWaiting()
    await page.waitForURL(/\/appraisals\/waiting/)
    await settled(page)
    const handle = page.locator(`[data-test="handle-${appraisal}"]`)
    await handle.waitFor()
    assert.equal(await page.locator('[data-test^="handle-"]').count(), 1)
    await handle.click()
    await page.waitForURL(new RegExp(`/appraisals/${appraisal}$`))
    await settled(page)
  }

  // el-input type="textarea" puts data-test on the textarea itself.
  function textarea(testId) {
    return page.locator(`textarea[data-test="${testId}"], [data-test="${testId}"] textarea`).first()
  }

  async function stageIs(text) {
    await page.locator('[data-test="appraisal-stage"]', { hasText: text }).waitFor()
  }

  before(async () => {
    ensureWebBuild()
    server = await startServer()
    shotDir = process.env.BANGFU_SCREENSHOTS || server.tmp
    const admin = await apiSession(server.url, 'admin')
    const inst = {}
    for (const x of (await admin('GET', '/api/v1/institutions?page_size=200')).items) inst[x.name] = x.id
    const dai = (await admin('GET', `/api/v1/staff?q=${encodeURIComponent('戴文敏')}`)).items[0]
    for (const [username, school] of [['xczx', '乡城县中学'], ['baima', '彭州市白马中学']]) {
      await admin('POST', '/api/v1/users', { username, role: 'institution_admin', institution: inst[school], password: PASSWORD })
    }
    const pz = await apiSession(server.url, 'pengzhou')
    program = (await pz('POST', '/api/v1/programs', { name: '彭州市对口支援乡城县教育', kind: 'counterpart_support', region: '510182', start_date: '2012-09-01', status: 'active' })).id
    await pz('POST', '/api/v1/pairings', { program, supporter: inst['彭州市白马中学'], recipient: inst['乡城县中学'], dimensions: ['teachers'], start_date: '2012-09-01', status: 'active' })
    const asg = await pz('POST', '/api/v1/dispatch/assignments', {
      program, staff: dai.id, recipient_institution: inst['乡城县中学'], start_date: '2012-09-01', end_date: '2013-06-30',
      subjects: ['chinese'], weekly_hours_recipient: 14, weekly_hours_home: 0, housing: '学校宿舍', duties: '高一语文', volunteered: true, status: 'completed',
    })
    for (const x of [
      { name: '生活用品（被褥）', frequency: 'one_time', amount_fen: 100000, min_rating: 'competent' },
      { name: '往返路费', frequency: 'yearly', amount_fen: 200000, min_rating: 'competent' },
      { name: '生活补助', frequency: 'monthly', amount_fen: 300000, max_months: 10, min_rating: 'competent' },
    ]) await pz('POST', `/api/v1/programs/${program}/subsidy-items`, x)
    appraisal = (await pz('POST', '/api/v1/appraisals', { assignment: asg.id, year: 2013 })).id
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

  test('the teacher writes her self-appraisal from 待我处理', () =>
    step('self', async () => {
      await login('teacher2')
      await openFromWaiting()
      await stageIs('待本人自评')
      // Nothing but her own step is offered.
      assert.equal(await page.locator('[data-test="submit-rate"], [data-test="submit-sender"], [data-test="submit-approve"]').count(), 0)
      await page.click('[data-test="submit-self"]')
      await page.locator('[data-test="step-self"] .el-form-item__error').waitFor()
      await textarea('self_summary').fill('一年来担任乡城县中学高一两个班的语文教学，开设公开课三节……')
      await shot('self')
      await page.click('[data-test="submit-self"]')
      await stageIs('待受援单位评定')
      await page.locator('[data-test="self-summary-text"]', { hasText: '高一两个班' }).waitFor()
      await logout()
    }))

  test('the recipient rates her excellent', () =>
    step('rate', async () => {
      await login('xczx')
      await openFromWaiting()
      await page.click('[data-test="rating-excellent"]')
      await textarea('recipient_comment').fill('教学效果显著，深受学生欢迎')
      await shot('rate')
      await page.click('[data-test="submit-rate"]')
      await stageIs('待派出单位签署意见')
      await page.locator('[data-test="rating-text"]', { hasText: '优秀' }).waitFor()
      await logout()
    }))

  test('the sending school signs its opinion', () =>
    step('sender', async () => {
      await login('baima')
      await openFromWaiting()
      await textarea('sender_opinion').fill('同意受援学校的评定意见')
      await page.click('[data-test="submit-sender"]')
      await stageIs('待帮扶办审批')
      await logout()
    }))

  test('the office approves; the record is locked and the payment list shows 33,000 yuan', () =>
    step('approve', async () => {
      await login('pengzhou')
      await openFromWaiting()
      await textarea('office_comment').fill('同意')
      await page.click('[data-test="submit-approve"]')
      await stageIs('已审批')
      await page.locator('.el-alert', { hasText: '记录已锁定' }).waitFor()
      assert.equal(await page.locator('[data-test^="submit-"]').count(), 0)
      const history = page.locator('[data-test="appraisal-history"] .el-timeline-item')
      await history.nth(4).waitFor()
      assert.equal(await history.count(), 5)
      await page.locator('[data-test="reopen"]').waitFor()
      await shot('approved')
      await menuWaiting()
      await settled(page)
      assert.equal(await page.locator('[data-test^="handle-"]').count(), 0)
      await page.goto(`/subsidy-payments?program=${program}&year=2013`)
      await page.locator('[data-test="payable-total"]', { hasText: '33,000.00' }).waitFor()
      await page.locator('[data-test="payable-戴文敏"]', { hasText: '33,000.00' }).waitFor()
      await shot('payments')
      assert.deepEqual(pageErrors, [])
    }))
})
