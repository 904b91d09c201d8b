// Browser test of the recommendations page (issue 18). The bureau admin of 通城县 asks for pairing
// proposals on teachers: 五里镇湾头小学 (weak, unpaired in the demo registry) gets 通城县实验小学 with
// the reasons in words; the admin picks the program and accepts it, the row turns accepted and
// links to the new pairing, whose note carries the reasons. At 390 px the page fits the phone.
// Run: BANGFU_BIN=build/src/cli/bangfu BANGFU_WEB=$PWD/web/dist node --test tests/browser/recommendations.test.mjs
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { PHONE, choose, login, openSession } from './harness.mjs'

describe('recommendations in Chromium', { timeout: 300_000 }, () => {
  let s
  let program
  let runId
  before(async () => {
    s = await openSession({ username: 'tongcheng' })
    // A program of the county to accept the pairing into, through the API.
    const res = await s.page.evaluate(async () => {
      const me = await (await fetch('/api/v1/auth/me')).json()
      const r = await fetch('/api/v1/programs', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf_token },
        body: JSON.stringify({ name: '推荐页测试项目', kind: 'urban_rural_school', region: '421222', start_date: '2026-09-01', status: 'active' }),
      })
      return { status: r.status, text: await r.text() }
    })
    assert.equal(res.status, 201, res.text)
    program = JSON.parse(res.text).id
  })
  after(async () => {
    await s?.close()
  })

  test('the bureau asks for proposals, reads the reasons and accepts one', () =>
    s.step('accept', async () => {
      const { page } = s
      await page.goto('/recommendations?region=421222&dimension=teachers')
      await page.click('[data-test="reco-run"]')
      const table = page.locator('[data-test="reco-table"]')
      await table.waitFor()
      const row = table.locator('tr', { hasText: '五里镇湾头小学' }).first()
      await row.waitFor()
      assert.match(await row.innerText(), /通城县实验小学/)
      assert.match(await row.innerText(), /距离 [\d.]+ km/)
      assert.match(await row.innerText(), /支援校可帮扶/)
      runId = new URL(page.url()).searchParams.get('run')
      assert.ok(runId)

      await choose(page, 'reco-program', `option-program-${program}`)
      const accept = row.locator('[data-test^="reco-accept-"]')
      const id = (await accept.getAttribute('data-test')).replace('reco-accept-', '')
      await accept.click()
      await page.locator(`[data-test="reco-status-${id}"]`, { hasText: '已接受' }).waitFor()
      await page.click(`[data-test="reco-result-${id}"]`)
      await page.waitForURL(/\/pairings\/\d+$/)
      const pairingId = page.url().split('/').pop()
      const pairing = await page.evaluate(async (pid) => (await fetch(`/api/v1/pairings/${pid}`)).json(), pairingId)
      assert.equal(pairing.recipient_name, '五里镇湾头小学')
      assert.match(pairing.note, /按推荐方案 \d+ 生成：距离/)
      assert.deepEqual(s.pageErrors, [])
    }))

  test('at 390 px the page fits the phone\'s width', () =>
    s.step('phone', async () => {
      const context = await s.browser.newContext({ baseURL: s.server.url, locale: 'zh-CN', viewport: PHONE, hasTouch: true })
      context.setDefaultTimeout(15_000)
      const phone = await context.newPage()
      try {
        // Logged in on the phone as a user would (a copied cookie is not enough: a fresh browser
        // asks the server for its session only after a login there).
        await login(phone, 'tongcheng')
        await phone.goto(`/recommendations?kind=pairing&run=${runId}`)
        await phone.locator('[data-test="reco-table"]').waitFor()
        await phone.locator('[data-test^="reco-status-"]', { hasText: '已接受' }).first().waitFor()
        const overflow = await phone.evaluate(() => ({
          doc: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          body: document.body.scrollWidth - window.innerWidth,
        }))
        assert.deepEqual(overflow, { doc: 0, body: 0 })
      } finally {
        await context.close()
      }
    }))
})
