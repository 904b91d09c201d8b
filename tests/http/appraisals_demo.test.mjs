// The demo's subsidies and appraisals (data/demo/appraisal.json): 彭州's five teachers of the
// 2012–13 school year in 乡城县 are each entitled to 1,000 + 2,000 + 10 × 3,000 = 33,000 yuan,
// 165,000 yuan in all; 叶集's 李启成 and 游汝昌 are rated excellent; demo users find appraisals
// waiting for them.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { assertOk, assertPage, assertXlsx, readXlsxRows, setup } from './harness.mjs'

let h
let s
before(async () => {
  h = await setup({ fullDemo: true })
  s = await h.loginAll(['admin', 'yeji', 'pengzhou', 'sanyuan', 'teacher2'])
})
after(async () => {
  await h?.close()
})

async function programNamed(name) {
  const page = assertOk(await h.get(`/api/v1/programs?q=${encodeURIComponent(name)}`, { session: s.admin }))
  const p = page.items.find((x) => x.name === name)
  assert.ok(p, `program ${name} missing from the demo`)
  return p
}

test('乡城县: five teachers × 33,000 yuan = 165,000 yuan, in the payment list and its Excel', async () => {
  const xc = await programNamed('成都市彭州市对口支援乡城县教育')
  const list = assertOk(await h.get(`/api/v1/dispatch/entitlements?program=${xc.id}&year=2013`, { session: s.pengzhou }))
  assert.equal(list.total, 5)
  assert.deepEqual(list.items.map((x) => x.staff_name).sort(), ['夏安润', '岳星珠', '廖继涛', '戴文敏', '董凤琪'].sort())
  for (const x of list.items) {
    assert.equal(x.months, 10)
    assert.equal(x.payable_fen, 3300000, x.staff_name)
    assert.ok(['competent', 'excellent'].includes(x.rating))
  }
  assert.equal(list.payable_fen, 16500000)
  assert.equal(list.pending_fen, 0)
  // 戴文敏 (teacher2) sees her own 33,000 yuan.
  const own = assertOk(await h.get('/api/v1/dispatch/entitlements', { session: s.teacher2 }))
  assert.equal(own.total, 1)
  assert.equal(own.payable_fen, 3300000)
  const res = await h.get(`/api/v1/dispatch/entitlements/export.xlsx?program=${xc.id}`, { session: s.pengzhou })
  const rows = readXlsxRows(res.bytes)
  const total = rows.find((r) => r[0] === '应发合计')
  assert.equal(total[10], '165000')
  const items = assertOk(await h.get(`/api/v1/programs/${xc.id}/subsidy-items`, { session: s.pengzhou })).items
  assert.deepEqual(items.map((x) => [x.frequency, x.amount_yuan, x.max_months, x.min_rating]), [
    ['one_time', '1000.00', null, 'competent'], ['yearly', '2000.00', null, 'competent'], ['monthly', '3000.00', 10, 'competent'],
  ])
})

test('叶集区 names its excellent teachers: 李启成 and 游汝昌', async () => {
  const yj = await programNamed('叶集区城乡学校结对帮扶')
  const excellent = assertPage(await h.get(`/api/v1/appraisals?program=${yj.id}&rating=excellent&stage=approved`, { session: s.yeji }))
  assert.deepEqual(excellent.items.map((x) => x.staff_name).sort(), ['李启成', '游汝昌'].sort())
  for (const x of excellent.items) {
    assert.equal(x.year, 2026)
    assert.ok(x.self_summary.length > 0)
    assert.ok(x.recipient_summary.length > 0)
    assert.ok(x.sender_summary.length > 0)
  }
})

test('demo users find appraisals waiting for them, each at their own step', async () => {
  const sanyuan = assertPage(await h.get('/api/v1/appraisals/waiting', { session: s.sanyuan }))
  assert.equal(sanyuan.total, 3)
  for (const x of sanyuan.items) {
    assert.equal(x.stage, 'rating')
    assert.equal(x.recipient_name, '叶集区三元中学')
  }
  const yeji = assertPage(await h.get('/api/v1/appraisals/waiting', { session: s.yeji }))
  assert.equal(yeji.total, 2)
  assert.ok(yeji.items.every((x) => x.stage === 'office'))
  const res = await h.get('/api/v1/appraisals/waiting/export.xlsx', { session: s.yeji })
  assertXlsx(res, '待我处理的考核')
  const rows = readXlsxRows(res.bytes)
  assert.equal(rows.length, 3)
  assert.deepEqual(rows.slice(1).map((r) => r[5]), ['待帮扶办审批', '待帮扶办审批'])
  const admin = assertPage(await h.get('/api/v1/appraisals/waiting', { session: s.admin }))
  assert.equal(admin.total, 2)
  // Everything 彭州 had to do is done.
  assert.equal(assertPage(await h.get('/api/v1/appraisals/waiting', { session: s.pengzhou })).total, 0)
})
