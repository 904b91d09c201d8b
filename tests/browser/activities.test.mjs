// Browser test of the activities UI (issue 3 scenario "record a visit with a photo"): the
// admin of 通城县实验小学 records a teacher visit to 五里镇湾头小学 on their pairing, attaches a
// photo, and sees its thumbnail on the activity page after a reload.
// Run: BANGFU_BIN=build/src/cli/bangfu node --test tests/browser/activities.test.mjs
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { ensureWebBuild, startServer, launchBrowser, inputOf, choose, settled } from './harness.mjs'

const PASSWORD = 'Bangfu@2026'
// A valid 2×2 RGB PNG (red, green / blue, white).
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000002000000020802000000fdd49a730000001249444154789c63f8cfc0c000c20cff8100001f' +
    'ee05fb0bd9688b0000000049454e44ae426082',
  'hex',
)

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

describe('activities UI in Chromium', { timeout: 240_000 }, () => {
  let server
  let browser
  let page
  let shotDir
  const ids = {}
  const pageErrors = []

  async function step(name, fn) {
    try {
      await fn()
    } catch (err) {
      if (page) {
        const file = path.join(shotDir, `activities-${name.replace(/[^\w-]+/g, '_')}.png`)
        await page.screenshot({ path: file, fullPage: true }).catch(() => {})
        err.message += `\n(screenshot: ${file}; url: ${page.url()})`
      }
      throw err
    }
  }

  async function shot(name) {
    if (process.env.BANGFU_SCREENSHOTS) {
      fs.mkdirSync(process.env.BANGFU_SCREENSHOTS, { recursive: true })
      await page.screenshot({ path: path.join(process.env.BANGFU_SCREENSHOTS, `activities-${name}.png`), fullPage: true })
    }
  }

  // Lets the first POST to `pattern` reach the server, then drops its answer as a broken
  // connection would; later requests pass. Resolves the returned object's status when it ran.
  async function loseFirstAnswer(pattern) {
    const lost = { status: null }
    await page.route(pattern, async (route) => {
      if (route.request().method() !== 'POST' || lost.status !== null) return route.continue()
      const answer = await route.fetch()
      lost.status = answer.status()
      return route.abort('connectionreset')
    })
    return lost
  }

  before(async () => {
    ensureWebBuild()
    server = await startServer()
    shotDir = process.env.BANGFU_SCREENSHOTS || server.tmp
    // The program and pairing come from their own API (the demo has none).
    const admin = await apiSession(server.url, 'admin')
    const tongcheng = await apiSession(server.url, 'tongcheng')
    const inst = await admin('GET', '/api/v1/institutions?page_size=200')
    for (const x of inst.items) ids[x.name] = x.id
    const staff = await admin('GET', `/api/v1/staff?page_size=200&institution=${ids['通城县实验小学']}`)
    for (const x of staff.items) ids[x.name] = x.id
    // The demo may already hold the pairing (the seeds' work); otherwise it is created.
    const pairings = await admin('GET', '/api/v1/pairings?page_size=200')
    const found = pairings.items.find(
      (p) => p.supporter === ids['通城县实验小学'] && p.recipient === ids['五里镇湾头小学'] && p.status === 'active',
    )
    if (found) {
      ids.program = found.program
      ids.pairing = found.id
    } else {
      ids.program = (await tongcheng('POST', '/api/v1/programs', {
        name: '通城县城乡学校结对帮扶', kind: 'urban_rural_school', region: '421222', start_date: '2026-09-01', status: 'active',
      })).id
      ids.pairing = (await tongcheng('POST', '/api/v1/pairings', {
        program: ids.program, supporter: ids['通城县实验小学'], recipient: ids['五里镇湾头小学'], dimensions: ['teachers'],
        start_date: '2026-09-01', status: 'active',
      })).id
    }
    fs.writeFileSync(path.join(server.tmp, 'IMG_0412.png'), PNG)

    browser = await launchBrowser()
    const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', viewport: { width: 1440, height: 900 } })
    context.setDefaultTimeout(15_000)
    page = await context.newPage()
    page.on('pageerror', (err) => pageErrors.push(String(err)))
  })

  after(async () => {
    if (browser) await browser.close()
    if (server) await server.stop()
    if (server && !process.env.BANGFU_KEEP_TMP) {
      for (const f of fs.readdirSync(server.tmp)) if (!f.endsWith('.png') || f === 'IMG_0412.png') fs.rmSync(path.join(server.tmp, f), { force: true })
      if (!fs.readdirSync(server.tmp).length) fs.rmdirSync(server.tmp)
    }
  })

  test('the school admin opens 帮扶活动 from the menu', () =>
    step('menu', async () => {
      await page.goto('/login')
      await inputOf(page, 'login-username').fill('shiyan')
      await inputOf(page, 'login-password').fill(PASSWORD)
      await page.click('[data-test="login-submit"]')
      await page.locator('[data-test="current-user-name"]').waitFor()
      await page.click('[data-test="menu-activities"]')
      await page.waitForURL(/\/activities$/)
      await page.locator('[data-test="list"]').waitFor()
      await page.click('[data-test="create"]')
      await page.waitForURL(/\/activities\/new$/)
    }))

  test('records a teacher visit to 五里镇湾头小学 on the pairing', () =>
    step('record', async () => {
      // Saving empty names the missing fields.
      await page.click('[data-test="save"]')
      await page.locator('[data-test="field-program"] .el-form-item__error').waitFor()

      await choose(page, 'input-program', `option-program-${ids.program}`)
      await choose(page, 'input-pairing', `option-pairing-${ids.pairing}`)
      await choose(page, 'input-type', 'option-activity_type-teacher_visit')
      // el-date-picker keeps data-test off its input: found through the form item.
      const start = page.locator('[data-test="field-dates"] input').first()
      await start.click()
      await start.fill('2026-11-04')
      await start.press('Enter')
      assert.equal(await page.locator('[data-test="field-dates"] input').nth(1).inputValue(), '2026-11-04', 'a one-day visit ends on its start date')
      await choose(page, 'input-host_institution', `option-host-${ids['五里镇湾头小学']}`)
      await choose(page, 'input-visiting_institution', `option-visiting-${ids['通城县实验小学']}`)
      await inputOf(page, 'input-leaders_count').fill('1')
      await inputOf(page, 'input-teachers_count').fill('3')
      await inputOf(page, 'input-topic').fill('送教下乡（浏览器测试）')
      await page.locator('textarea[data-test="input-content"], [data-test="input-content"] textarea').first().fill('李家红老师执教语文课，张峰老师执教体育课。')
      await page.locator('[data-test="input-participants"]').first().click()
      await page.locator('[data-test="input-participants"] input').first().fill('李家红')
      const opt = page.locator(`.el-popper:visible [data-test="option-staff-${ids['李家红']}"]`).first()
      await opt.waitFor({ state: 'visible' })
      await opt.click()
      await page.keyboard.press('Escape')
      await inputOf(page, `input-role-${ids['李家红']}`).fill('授课教师')
      // The village network loses the first answer: the server stored the visit, the browser
      // never heard. The page retries with the same Idempotency-Key and gets the first answer.
      const lost = await loseFirstAnswer('**/api/v1/activities')
      await page.click('[data-test="save"]')
      await page.waitForURL(/\/activities\/\d+$/)
      await page.unroute('**/api/v1/activities')
      assert.equal(lost.status, 201, 'the lost answer was a create')
      ids.activity = Number(new URL(page.url()).pathname.split('/').pop())
      assert.ok(ids.activity > 0)
      const same = await page.request.get(`/api/v1/activities?q=${encodeURIComponent('送教下乡（浏览器测试）')}`)
      assert.equal((await same.json()).total, 1, 'stored once, not twice')
      await page.locator('[data-test="attachments"]').waitFor()
    }))

  test('attaches a photo and sees its thumbnail after a reload', () =>
    step('photo', async () => {
      // The network drops the first try of the upload (Chromium does not let a test replay a
      // file body, so this one never reached the server; tests/http/activities covers the
      // replay of an upload): the page tries again by itself and the photo is stored once.
      let dropped = 0
      await page.route('**/attachments?*', (route) =>
        route.request().method() === 'POST' && dropped++ === 0 ? route.abort('connectionreset') : route.continue())
      await page.locator('[data-test="upload"] input[type="file"]').setInputFiles(path.join(server.tmp, 'IMG_0412.png'))
      await page.locator('[data-test="attachments"] [data-test="thumbnail"]').first().waitFor()
      await page.unroute('**/attachments?*')
      assert.equal(dropped, 2, 'one try dropped, one sent')
      await page.reload()
      await page.locator('[data-test="attachments"] [data-test="thumbnail"]').first().waitFor()
      assert.equal(await page.locator('[data-test="attachments"] [data-test="thumbnail"]').count(), 1, 'stored once, not twice')
      const img = page.locator('[data-test="attachments"] [data-test="thumbnail"]').first()
      await img.waitFor()
      await page.waitForFunction(() => {
        const el = document.querySelector('[data-test="attachments"] [data-test="thumbnail"]')
        return el && el.complete && el.naturalWidth === 2
      })
      assert.equal(await img.getAttribute('alt'), 'IMG_0412.png')
      // The form came back as saved.
      assert.equal(await inputOf(page, 'input-topic').inputValue(), '送教下乡（浏览器测试）')
      assert.equal(await inputOf(page, `input-role-${ids['李家红']}`).inputValue(), '授课教师')
      await settled(page)
      await shot('01-activity-with-photo')
    }))

  test('记录活动 on the pairing page opens the form with its program and pairing chosen', () =>
    step('from-pairing', async () => {
      await page.goto(`/pairings/${ids.pairing}`)
      await page.click('[data-test="record-activity"]')
      await page.waitForURL(/\/activities\/new\?program=\d+&pairing=\d+$/)
      await page.waitForFunction(() => (document.querySelector('[data-test="input-pairing"]')?.innerText || '').includes('湾头小学'))
      // Saving now names what is still missing, but not the program or the pairing.
      await page.click('[data-test="save"]')
      await page.locator('[data-test="field-type"] .el-form-item__error').waitFor()
      assert.equal(await page.locator('[data-test="field-program"] .el-form-item__error').count(), 0)
      assert.equal(await page.locator('[data-test="field-pairing"] .el-form-item__error').count(), 0)
    }))

  test('the list and statistics show the visit', () =>
    step('list-stats', async () => {
      await page.click('[data-test="menu-activities"]')
      await page.locator('[data-test="row-topic"]', { hasText: '送教下乡（浏览器测试）' }).waitFor()
      await settled(page)
      await shot('03-list')
      await page.click('[data-test="stats"]')
      await page.waitForURL(/\/activities\/stats/)
      await page.locator('[data-test="chart-type"] canvas').waitFor()
      await page.locator('[data-test="chart-month"] canvas').waitFor()
      await page.locator('[data-test="stats-table"] td', { hasText: '教师互访' }).first().waitFor()
      await settled(page)
      await shot('02-statistics')
      assert.deepEqual(pageErrors, [])
    }))
})
