// Browser test of the phone layout (issue 20) at 390×844: the teacher's flows (desk, my cases, a
// case, recording a visit with a photo from the camera, alerts, activities, resources) and a
// school admin's (activities, donations and their forms) never make the page scroll sideways; the
// menu is a drawer behind a button; the record dialog takes the whole screen with its 保存 in
// reach; the photo is made smaller in the browser. Then offline: a visit recorded without network
// is kept as 待上传 and, when the network is back, stored once.
// Run: BANGFU_BIN=build/src/cli/bangfu node --test tests/browser/phone.test.mjs
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { PHONE, openSession, startServer, horizontalOverflow, settled, inputOf, choose } from './harness.mjs'

async function noOverflow(page, where) {
  await settled(page)
  const out = await horizontalOverflow(page)
  assert.deepEqual(out, [], `${where}: the page is wider than the phone`)
  // Everything one taps is at least 44 px high (buttons, choices, fields).
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('.el-main .el-button, .el-main .el-radio-button__inner, .el-main .el-input__wrapper, .el-main .el-select__wrapper, .el-header .el-button')]
      .filter((e) => e.offsetParent && !e.closest('.el-table'))
      .map((e) => [e.innerText.trim() || e.className.split(' ')[0], Math.round(e.getBoundingClientRect().height)])
      .filter(([, h]) => h < 43.5),
  )
  assert.deepEqual(small, [], `${where}: touch targets under 44 px`)
}

// The case of teacher1 (李家红) in the demo, found through 我的帮扶对象.
async function myCase(page) {
  await page.goto('/aid/mine')
  const card = page.locator('[data-test="mine-card"]').first()
  await card.waitFor()
  return (await card.getAttribute('href')).split('/').pop()
}

async function recordCount(page, id) {
  return page.evaluate(async (id) => (await (await fetch(`/api/v1/aid-cases/${id}`)).json()).records.length, id)
}

// A photo as a phone makes it: 3000×2000, well over a megabyte as PNG.
async function bigPhoto(page) {
  const b64 = await page.evaluate(() => {
    const c = document.createElement('canvas')
    c.width = 3000
    c.height = 2000
    const g = c.getContext('2d')
    const img = g.createImageData(3000, 2000)
    for (let i = 0; i < img.data.length; i += 4) {
      img.data[i] = (i * 7) % 255
      img.data[i + 1] = (i * 13) % 251
      img.data[i + 2] = Math.random() * 255
      img.data[i + 3] = 255
    }
    g.putImageData(img, 0, 0)
    return c.toDataURL('image/png').split(',')[1]
  })
  return { name: 'IMG_0001.png', mimeType: 'image/png', buffer: Buffer.from(b64, 'base64') }
}

describe('the phone layout (390×844)', { timeout: 300_000 }, () => {
  let server
  before(async () => {
    server = await startServer({ fullDemo: true })
  })
  after(async () => {
    await server?.stop()
  })

  test('a teacher: desk, my cases, a case, a visit with a photo, alerts; offline and back', async () => {
    const s = await openSession({ username: 'teacher1', viewport: PHONE, server })
    const { page } = s
    try {
      await s.step('menu is a drawer', async () => {
        await noOverflow(page, 'desk')
        const menu = page.locator('[data-test="side-menu"]')
        assert.equal(await menu.isVisible() && (await menu.boundingBox()).x >= 0, false, 'the menu is hidden on a phone')
        const toggle = page.locator('[data-test="menu-toggle"]')
        const box = await toggle.boundingBox()
        assert.ok(box.height >= 44 && box.width >= 44, `the menu button is ${box.width}×${box.height}`)
        await toggle.click()
        await page.locator('[data-test="menu-aid-mine"]').click()
        await page.waitForURL(/\/aid\/mine$/)
        await page.locator('[data-test="mine-card"]').first().waitFor()
        await noOverflow(page, 'my cases')
      })
      const id = await myCase(page)
      const before = await recordCount(page, id)
      await s.step('a visit with a photo', async () => {
        await page.goto(`/aid/cases/${id}`)
        await page.locator('[data-test="case-info"]').waitFor()
        await noOverflow(page, 'a case')
        // From her desk: 记录帮扶 opens the case with the record form.
        await page.goto('/')
        await page.locator('[data-test="dashboard-record"]').first().click()
        await page.waitForURL(new RegExp(`/aid/cases/${id}$`))
        const dialog = page.locator('.el-dialog[data-test="record-dialog"]')
        await dialog.waitFor()
        const box = await dialog.boundingBox()
        assert.ok(box.x <= 0.5 && box.width >= PHONE.width - 1, `the dialog takes the whole width (${box.x}, ${box.width})`)
        await choose(page, 'record-kind', 'option-aid_help_kind-home_visit')
        await page.locator('textarea[data-test="record-notes"], [data-test="record-notes"] textarea').first().fill('手机上记录的家访')
        await page.locator('[data-test="record-photos"]').setInputFiles(await bigPhoto(page))
        await page.locator('[data-test="record-photo"]').waitFor()
        const save = page.locator('[data-test="record-save"]')
        const sb = await save.boundingBox()
        assert.ok(sb.x >= 0 && sb.x + sb.width <= PHONE.width && sb.y + sb.height <= PHONE.height, '保存 is on the screen')
        assert.ok(sb.height >= 44, `保存 is ${sb.height} px high`)
        await save.click()
        await dialog.waitFor({ state: 'hidden' })
        await page.waitForFunction(([id, n]) => fetch(`/api/v1/aid-cases/${id}`).then((r) => r.json()).then((c) => c.records.length === n + 1), [id, before])
        const photo = await page.evaluate(async (id) => {
          const c = await (await fetch(`/api/v1/aid-cases/${id}`)).json()
          const r = c.records.find((x) => x.notes === '手机上记录的家访')
          const f = r.attachments[0]
          const blob = await (await fetch(`/api/v1/aid-cases/${id}/records/${r.id}/attachments/${f.id}`)).blob()
          const bmp = await createImageBitmap(blob)
          return { type: blob.type, size: blob.size, w: bmp.width, h: bmp.height }
        }, id)
        assert.equal(photo.type, 'image/jpeg')
        assert.ok(photo.w <= 1600 && photo.h <= 1600, `the photo was made smaller: ${photo.w}×${photo.h}`)
        await page.locator('[data-test="record-card"]').first().waitFor()
        await noOverflow(page, 'a case with its new record')
      })
      await s.step('offline, then online: stored once', async () => {
        const n = await recordCount(page, id)
        // The app is installable: a manifest and a service worker that has taken over the page.
        const manifest = await page.evaluate(async () => (await fetch(document.querySelector('link[rel="manifest"]').href)).json())
        assert.equal(manifest.short_name, '帮扶')
        await page.evaluate(() => navigator.serviceWorker.ready)
        await page.reload()
        await page.locator('[data-test="case-info"]').waitFor()
        await page.waitForFunction(() => !!navigator.serviceWorker.controller)
        // In the village: no network, and the case opened again from what the phone kept.
        await s.context.setOffline(true)
        await page.reload()
        await page.locator('[data-test="case-info"]').waitFor()
        await page.locator('[data-test="offline-bar"]').waitFor()
        await page.click('[data-test="record-help"]')
        await page.locator('[data-test="record-offline"]').waitFor()
        await page.locator('[data-test="record-kind"]').click()
        await page.locator('.el-popper:visible .el-select-dropdown__item').first().click()
        await page.locator('textarea[data-test="record-notes"], [data-test="record-notes"] textarea').first().fill('村里没有信号时记录的')
        await page.locator('[data-test="record-photos"]').setInputFiles(await bigPhoto(page))
        await page.locator('[data-test="record-photo"]').waitFor()
        await page.click('[data-test="record-save"]')
        await page.locator('[data-test="pending-tag"]').first().waitFor()
        assert.match(await page.locator('[data-test="pending-record"]').innerText(), /待上传/)
        assert.match(await page.locator('[data-test="outbox-count"]').innerText(), /1 条记录待上传/)
        // Kept across a reload while still offline.
        await page.reload()
        await page.locator('[data-test="pending-tag"]').waitFor()
        // The network is back: the record goes by itself and the page reads the case again.
        await s.context.setOffline(false)
        await page.locator('[data-test="pending-tag"]').waitFor({ state: 'detached', timeout: 30_000 })
        await page.waitForFunction(([id, n]) => fetch(`/api/v1/aid-cases/${id}`).then((r) => r.json()).then((c) => c.records.length === n + 1), [id, n])
        const sent = await page.evaluate(async (id) => {
          const c = await (await fetch(`/api/v1/aid-cases/${id}`)).json()
          return c.records.filter((x) => x.notes === '村里没有信号时记录的').map((r) => r.attachments.length)
        }, id)
        assert.deepEqual(sent, [1], 'the offline record is stored once, with its photo')
        // Again online: nothing more is sent.
        await page.reload()
        await page.locator('[data-test="case-info"]').waitFor()
        await page.waitForTimeout(500)
        assert.equal(await recordCount(page, id), n + 1)
      })
      await s.step('alerts, activities, resources', async () => {
        for (const url of ['/aid/alerts', '/activities', '/resources', '/']) {
          await page.goto(url)
          await page.locator('.page').first().waitFor()
          await noOverflow(page, url)
        }
      })
      assert.deepEqual(s.pageErrors, [])
    } finally {
      await s.close()
    }
  })

  test('a school admin: activities and donations, lists and forms', async () => {
    const s = await openSession({ username: 'wantou', viewport: PHONE, server })
    const { page } = s
    try {
      for (const url of ['/activities', '/activities/new', '/donations', '/donations/new', '/resources', '/']) {
        await s.step(url, async () => {
          await page.goto(url)
          await page.locator('.page').first().waitFor()
          await noOverflow(page, url)
          // Forms in one column: every label sits above its field.
          const side = await page.evaluate(() =>
            [...document.querySelectorAll('.el-main .el-form:not(.el-form--inline) .el-form-item')]
              .filter((i) => i.offsetParent && i.querySelector('.el-form-item__label') && i.querySelector('.el-form-item__content'))
              .filter((i) => i.querySelector('.el-form-item__label').getBoundingClientRect().bottom > i.querySelector('.el-form-item__content').getBoundingClientRect().top + 2)
              .map((i) => i.querySelector('.el-form-item__label').innerText),
          )
          assert.deepEqual(side, [], `${url}: labels beside their fields`)
        })
      }
      assert.deepEqual(s.pageErrors, [])
    } finally {
      await s.close()
    }
  })
})
