// Browser test of the "four haves" (issue 3 scenario): a program and a pairing created through
// the API show four missing items on the 四有 page; the leading group and an inspection are added
// through the API, the plans through the UI (create, submit, approve), and the panel turns
// complete. Then a task made on the plan page shows its progress from activities recorded
// through the API. Run: BANGFU_BIN=build/src/cli/bangfu BANGFU_WEB=$PWD/web/dist node --test tests/browser/four-haves.test.mjs
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { ensureWebBuild, startServer, launchBrowser, inputOf, choose, settled } from './harness.mjs'

const PASSWORD = 'Bangfu@2026'
const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
const year = today.slice(0, 4)
const KEYS = ['organisation', 'phased_plan', 'implementation_plan', 'inspection']

describe('four haves in Chromium', { timeout: 270_000 }, () => {
  let server
  let browser
  let page
  let shotDir
  let api // tongcheng's API client
  let programId
  let pairingId
  let supporterId
  const pageErrors = []

  async function step(name, fn) {
    try {
      await fn()
    } catch (err) {
      if (page) {
        const file = path.join(shotDir, `four-haves-${name.replace(/[^\w-]+/g, '_')}.png`)
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

  async function created(url, body) {
    const r = await api('POST', url, body)
    assert.equal(r.status, 201, r.text)
    return r.json.id
  }

  async function shot(name) {
    if (process.env.BANGFU_SCREENSHOTS) {
      fs.mkdirSync(process.env.BANGFU_SCREENSHOTS, { recursive: true })
      await page.screenshot({ path: path.join(process.env.BANGFU_SCREENSHOTS, `four-haves-${name}.png`), fullPage: true })
    }
  }

  // The row of one of the four, and whether it shows a check.
  async function rowOk(key) {
    return (await page.locator(`[data-test="four-haves-row-${key}"]`).getAttribute('data-ok')) === 'true'
  }
  async function refreshPanel() {
    await page.click('[data-test="four-haves-refresh"]')
    await settled(page)
  }
  async function waitRow(key, ok) {
    await page.waitForSelector(`[data-test="four-haves-row-${key}"][data-ok="${ok}"]`)
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
    const prog = await api('POST', '/api/v1/programs', {
      name: '四有浏览器测试项目',
      kind: 'urban_rural_school',
      region: '421222',
      start_date: '2025-09-01',
      status: 'active',
    })
    assert.equal(prog.status, 201, prog.text)
    programId = prog.json.id
    supporterId = id('通城县实验小学')
    const body = { program: programId, supporter: supporterId, recipient: id('五里镇湾头小学'), dimensions: ['teachers'], start_date: '2025-09-01', status: 'active' }
    pairingId = await created('/api/v1/pairings', body)
  })

  after(async () => {
    if (browser) await browser.close()
    if (server) await server.stop()
    if (server && !process.env.BANGFU_KEEP_TMP) {
      for (const f of fs.readdirSync(server.tmp)) if (!f.endsWith('.png')) fs.rmSync(path.join(server.tmp, f), { force: true })
      if (!fs.readdirSync(server.tmp).length) fs.rmdirSync(server.tmp)
    }
  })

  test('the bureau sees all four missing, and the pairing in the non-compliant list', () =>
    step('missing', async () => {
      await page.goto('/login')
      await inputOf(page, 'login-username').fill('tongcheng')
      await inputOf(page, 'login-password').fill(PASSWORD)
      await page.click('[data-test="login-submit"]')
      await page.locator('[data-test="current-user-name"]').waitFor()
      await page.click('[data-test="menu-four-haves"]')
      await page.waitForURL(/\/four-haves/)
      await choose(page, 'four-haves-program', `option-program-${programId}`)
      await page.locator('[data-test="four-haves-status"]').waitFor()
      assert.equal(await page.locator('[data-test="four-haves-status"]').getAttribute('data-complete'), 'false')
      for (const key of KEYS) assert.equal(await rowOk(key), false, key)
      const text = await page.locator('[data-test="four-haves-panel"]').innerText()
      assert.match(text, /组长/)
      assert.match(text, /已批准阶段性计划/)
      assert.match(text, /实施方案/)
      assert.match(text, /检查督导/)
      await page.locator(`[data-test="nc-pairing-${pairingId}"]`).waitFor()
      assert.match(await page.locator('[data-test="nc-list"]').innerText(), /五里镇湾头小学/)
      await shot('01-missing')
    }))

  test('adding the leading group and an inspection checks their rows', () =>
    step('organisation', async () => {
      await created(`/api/v1/programs/${programId}/leading-group`, { role: 'leader', name: '王局长', position: '局长' })
      await refreshPanel()
      // A leader alone is not enough: the office is still missing.
      assert.equal(await rowOk('organisation'), false)
      assert.match(await page.locator('[data-test="four-haves-row-organisation"]').innerText(), /办公室/)
      await created(`/api/v1/programs/${programId}/leading-group`, { role: 'office', name: '县教育局帮扶办公室' })
      await refreshPanel()
      await waitRow('organisation', true)
      await created('/api/v1/inspections', { program: programId, inspected_on: today, inspectors: '县督导室', checked: '结对帮扶“四有”落实情况' })
      await refreshPanel()
      await waitRow('inspection', true)
      assert.equal(await rowOk('phased_plan'), false)
      assert.equal(await rowOk('implementation_plan'), false)
    }))

  async function createPlanInUi(kind, title) {
    await page.click('[data-test="plan-create"]')
    const dialog = page.locator('[data-test="plan-dialog"]')
    await dialog.waitFor()
    if (kind !== 'annual') await choose(page, 'input-kind', `option-plan_kind-${kind}`)
    await inputOf(page, 'input-title').fill(title)
    for (const [field, value] of [['input-start_date', `${year}-01-01`], ['input-end_date', `${year}-12-31`]]) {
      const input = inputOf(page, field)
      await input.click()
      await input.fill(value)
      await input.press('Enter')
    }
    await page.locator('[data-test="input-content"] textarea, textarea[data-test="input-content"]').first().fill('一、指导思想\n二、工作目标\n三、主要措施')
    await page.click('[data-test="plan-save"]')
    await dialog.waitFor({ state: 'hidden' })
    const link = page.locator('[data-test="plan-title"]', { hasText: title })
    await link.waitFor()
    const href = await link.getAttribute('href')
    return Number(href.split('/').pop())
  }

  test('plans made in the UI, submitted and approved, complete the four haves', () =>
    step('plans', async () => {
      await page.click('[data-test="four-haves-plans-link"]')
      await page.waitForURL(/\/plans\?program=/)
      await page.locator('[data-test="program-plans"]').waitFor()
      // Server-side validation shows under the field: a plan without a title.
      await page.click('[data-test="plan-create"]')
      await page.click('[data-test="plan-save"]')
      await page.locator('[data-test="field-title"] .el-form-item__error').waitFor()
      await page.click('[data-test="plan-cancel"]')
      await page.locator('[data-test="plan-dialog"]').waitFor({ state: 'hidden' })

      for (const [kind, title] of [['annual', `${year}年度城乡学校结对帮扶工作计划`], ['implementation', '城乡学校结对帮扶工作实施方案']]) {
        const id = await createPlanInUi(kind, title)
        assert.equal(await page.locator(`[data-test="plan-approval-${id}"]`).innerText(), '草稿')
        await page.click(`[data-test="plan-submit-${id}"]`)
        await page.waitForFunction((pid) => document.querySelector(`[data-test="plan-approval-${pid}"]`)?.innerText.trim() === '已报送', id)
        await page.click(`[data-test="plan-approve-${id}"]`)
        await page.waitForFunction((pid) => document.querySelector(`[data-test="plan-approval-${pid}"]`)?.innerText.trim() === '已批准', id)
        // An approved plan offers no edit button.
        assert.equal(await page.locator(`[data-test="plan-edit-${id}"]`).count(), 0)
      }

      await page.click('[data-test="plans-four-haves-link"]')
      await page.waitForURL(/\/four-haves\?program=/)
      await page.waitForSelector('[data-test="four-haves-status"][data-complete="true"]')
      for (const key of KEYS) assert.equal(await rowOk(key), true, key)
      // The program is complete; its pairing still lacks its own plans.
      await page.locator(`[data-test="nc-pairing-${pairingId}"]`).waitFor()
      await shot('02-program-complete')
    }))

  test("the pairing's own plans take it off the non-compliant list", () =>
    step('pairing', async () => {
      for (const kind of ['semester', 'implementation']) {
        let r = await api('POST', '/api/v1/plans', { program: programId, pairing: pairingId, kind, title: `结对${kind}`, start_date: `${year}-01-01`, end_date: `${year}-12-31` })
        assert.equal(r.status, 201, r.text)
        const id = r.json.id
        for (const approval of ['submitted', 'approved']) {
          r = await api('POST', `/api/v1/plans/${id}/approval`, { approval })
          assert.equal(r.status, 200, r.text)
        }
      }
      const r = await api('GET', `/api/v1/pairings/${pairingId}/four-haves`)
      assert.equal(r.json.complete, true)
      await page.reload()
      await page.waitForSelector('[data-test="four-haves-status"][data-complete="true"]')
      await settled(page)
      assert.equal(await page.locator(`[data-test="nc-pairing-${pairingId}"]`).count(), 0)
    }))

  test('the plan page adds a task and shows its progress from recorded activities', () =>
    step('tasks', async () => {
      const plans = (await api('GET', `/api/v1/plans?pairing=${pairingId}&kind=semester`)).json.items
      const planId = plans[0].id
      await page.goto(`/plans/${planId}`)
      await page.locator('[data-test="plan-details"]').waitFor()
      assert.equal(await page.locator('[data-test="plan-approval"]').innerText(), '已批准')
      await page.click('[data-test="task-create"]')
      await page.locator('[data-test="task-dialog"]').waitFor()
      await page.locator('[data-test="input-description"] textarea, textarea[data-test="input-description"]').first().fill('本学期送示范课不少于 3 节')
      await choose(page, 'input-owner_institution', `option-owner-${supporterId}`)
      await choose(page, 'input-activity_type', 'option-activity_type-demonstration_class')
      const target = inputOf(page, 'input-target')
      await target.fill('3')
      await target.press('Tab')
      await page.click('[data-test="task-save"]')
      await page.locator('[data-test="task-dialog"]').waitFor({ state: 'hidden' })
      const task = (await api('GET', `/api/v1/plans/${planId}/tasks`)).json.items[0]
      assert.equal(task.target, 3)
      assert.equal(task.activity_type, 'demonstration_class')
      await page.waitForSelector(`[data-test="task-progress-${task.id}"][data-done="0"]`)
      // Two demonstration classes recorded in the plan's period count; a lecture does not.
      const teacher = (await api('GET', `/api/v1/staff?q=${encodeURIComponent('李家红')}`)).json.items[0].id
      for (const type of ['demonstration_class', 'demonstration_class', 'lecture']) {
        const body = { program: programId, pairing: pairingId, type, start_date: today, end_date: today, host_institution: supporterId }
        if (type === 'demonstration_class') Object.assign(body, { teacher, subject: 'chinese', topic: '《秋天的雨》' })
        await created('/api/v1/activities', body)
      }
      await page.reload()
      await page.waitForSelector(`[data-test="task-progress-${task.id}"][data-done="2"][data-percent="66"]`)
      assert.equal(await page.locator(`[data-test="task-status-${task.id}"]`).getAttribute('data-status'), 'in_progress')
      await shot('03-plan-tasks')
      assert.deepEqual(pageErrors, [])
    }))

  test("a school's new plan is its pairing's (no program-level choice), and it may submit but not approve", () =>
    step('school', async () => {
      await page.click('[data-test="logout"]')
      await page.waitForURL(/\/login/)
      await inputOf(page, 'login-username').fill('wantou')
      await inputOf(page, 'login-password').fill(PASSWORD)
      await page.click('[data-test="login-submit"]')
      await page.locator('[data-test="current-user-name"]').waitFor()
      await page.goto(`/plans?program=${programId}`)
      await page.locator('[data-test="program-plans"]').waitFor()
      await settled(page)
      await page.click('[data-test="plan-create"]')
      await page.locator('[data-test="plan-dialog"]').waitFor()
      await page.locator('[data-test="input-pairing"]').first().click()
      await page.locator(`.el-popper:visible [data-test="option-pairing-${pairingId}"]`).waitFor()
      assert.equal(await page.locator('.el-popper:visible [data-test="option-pairing-none"]').count(), 0)
      await page.keyboard.press('Escape')
      await inputOf(page, 'input-title').fill('湾头小学教师培训计划')
      for (const [field, value] of [['input-start_date', `${year}-01-01`], ['input-end_date', `${year}-12-31`]]) {
        const input = inputOf(page, field)
        await input.click()
        await input.fill(value)
        await input.press('Enter')
      }
      await page.click('[data-test="plan-save"]')
      await page.locator('[data-test="plan-dialog"]').waitFor({ state: 'hidden' })
      const link = page.locator('[data-test="plan-title"]', { hasText: '湾头小学教师培训计划' })
      await link.waitFor()
      const id = Number((await link.getAttribute('href')).split('/').pop())
      const plan = (await api('GET', `/api/v1/plans/${id}`)).json
      assert.equal(plan.pairing, pairingId)
      await page.click(`[data-test="plan-submit-${id}"]`)
      await page.waitForFunction((pid) => document.querySelector(`[data-test="plan-approval-${pid}"]`)?.innerText.trim() === '已报送', id)
      assert.equal(await page.locator(`[data-test="plan-approve-${id}"]`).count(), 0)
      assert.equal(await page.locator(`[data-test="plan-withdraw-${id}"]`).count(), 1)
      assert.deepEqual(pageErrors, [])
    }))
})
