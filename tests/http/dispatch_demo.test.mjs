// The demo's teacher dispatch (data/demo/dispatch.json) as the seeds report it, through the
// statistics endpoint: 叶集区 "129 teachers arranged, three batches of rotation teaching over
// four years, 107 person-times", the batch of 14 sent off at the farewell meeting of 12 November,
// the seven senior-high backbone teachers at 三元中学; 彭州's five teachers of the 2012–13
// school year in 乡城县; 李启成 and 游汝昌 among the completed; the reverse flow (52 cadres).
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { assertOk, assertPage, assertXlsx, readXlsxRows, setup } from './harness.mjs'

let h
let s
before(async () => {
  h = await setup({ fullDemo: true })
  s = await h.loginAll(['admin', 'yeji', 'pengzhou', 'sanyuan', 'teacher2', 'wuxi'])
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

test('叶集区: 3 batches over 4 years, 129 teachers arranged, 107 person-times', async () => {
  const yj = await programNamed('叶集区城乡学校结对帮扶')
  const st = assertOk(await h.get(`/api/v1/dispatch/statistics?program=${yj.id}`, { session: s.yeji }))
  assert.equal(st.batches, 3)
  assert.equal(st.school_years, 4)
  assert.equal(st.first_school_year, '2022-2023')
  assert.equal(st.last_school_year, '2025-2026')
  assert.equal(st.teachers_arranged, 129)
  assert.equal(st.person_times, 107)
  assert.equal(st.withdrawn, 0)
  // By year of start, the three batches: 2022, 2023 and the 14 of November 2025.
  assert.deepEqual(st.by_year.map((r) => [r.key, r.person_times, r.batches]), [['2022', 49, 1], ['2023', 44, 1], ['2025', 14, 1]])
  // Seven senior-high backbone teachers, all from 第一中学, at 三元中学.
  const sanyuan = st.by_recipient.find((r) => r.label === '叶集区三元中学')
  assert.equal(sanyuan.person_times, 7)
  const seven = assertPage(await h.get(`/api/v1/dispatch/assignments?program=${yj.id}&recipient=${sanyuan.key}&page_size=50`, { session: s.sanyuan }), { pageSize: 50 })
  assert.equal(seven.total, 7)
  assert.ok(seven.items.every((x) => x.sending_institution_name === '叶集区第一中学'))
  for (const x of seven.items) {
    const person = assertOk(await h.get(`/api/v1/staff/${x.staff}`, { session: s.yeji }))
    assert.notEqual(person.backbone, 'none', `${person.name} is a backbone teacher`)
  }
  const first = st.by_sender.find((r) => r.label === '叶集区第一中学')
  assert.equal(first.person_times, 7)
  // The same figures in the Excel export.
  const res = await h.get(`/api/v1/dispatch/statistics/export.xlsx?program=${yj.id}`, { session: s.yeji })
  assertXlsx(res, '支教统计')
  const rows = readXlsxRows(res.bytes)
  assert.deepEqual(rows[1], ['合计', '批次', '', '', '3'])
  assert.equal(rows[2][3], '129')
  assert.deepEqual(rows[3].slice(0, 4), ['合计', '支教', '107', '107'])
  assert.ok(rows.some((r) => r[0] === '按受援单位' && r[1] === '叶集区三元中学' && r[2] === '7'))
})

test('the batch of 14 was sent off at the farewell meeting on 12 November; 李启成 and 游汝昌 completed it', async () => {
  const batches = assertPage(await h.get('/api/v1/dispatch/batches?q=孙岗乡', { session: s.yeji }))
  assert.equal(batches.total, 1)
  const b = batches.items[0]
  assert.equal(b.sendoff_date, '2025-11-12')
  assert.match(b.sendoff_event, /欢送会/)
  assert.equal(b.planned_count, 14)
  assert.equal(b.assigned_count, 14)
  const members = assertPage(await h.get(`/api/v1/dispatch/assignments?batch=${b.id}&page_size=20`, { session: s.yeji }))
  assert.equal(members.total, 14)
  for (const name of ['李启成', '游汝昌']) {
    const x = members.items.find((m) => m.staff_name === name)
    assert.ok(x, `${name} is in the batch`)
    assert.equal(x.status, 'completed')
  }
})

test('彭州 → 乡城: five teachers for the 2012–13 school year, ten months each', async () => {
  const pz = await programNamed('成都市彭州市对口支援乡城县教育')
  const st = assertOk(await h.get(`/api/v1/dispatch/statistics?program=${pz.id}&year=2012`, { session: s.pengzhou }))
  assert.equal(st.person_times, 5)
  assert.equal(st.teachers, 5)
  assert.deepEqual(st.by_year.map((r) => [r.key, r.person_times]), [['2012', 5]])
  const list = assertPage(await h.get(`/api/v1/dispatch/assignments?program=${pz.id}&sort=staff_name`, { session: s.pengzhou }))
  assert.deepEqual(list.items.map((x) => x.staff_name).sort(), ['夏安润', '岳星珠', '廖继涛', '戴文敏', '董凤琪'].sort())
  for (const x of list.items) {
    assert.equal(x.start_date, '2012-09-01')
    assert.equal(x.end_date, '2013-06-30')
    assert.equal(x.status, 'completed')
    assert.equal(x.override_reason, '', 'all five meet the seeds\' criteria')
  }
  // 戴文敏 reads her own assignment.
  const mine = assertPage(await h.get('/api/v1/dispatch/assignments', { session: s.teacher2 }))
  assert.ok(mine.items.some((x) => x.staff_name === '戴文敏'))
  // Her two terms of workload at 乡城县中学.
  const work = assertOk(await h.get(`/api/v1/dispatch/workload?program=${pz.id}&staff=${list.items.find((x) => x.staff_name === '戴文敏').staff}`, { session: s.pengzhou }))
  assert.deepEqual(work.items.map((r) => r.term), ['2012-autumn', '2013-spring'])
})

test('the reverse flow: 52 cadres and teachers received in Wuxi for short-term attachment', async () => {
  const wx = await programNamed('无锡市对口支援霍城县教育')
  const list = assertPage(await h.get(`/api/v1/dispatch/attachments?program=${wx.id}&kind=attachment`, { session: s.wuxi }))
  assert.equal(list.total, 1)
  assert.equal(list.items[0].headcount, 52)
  assert.equal(list.items[0].host_institution_name, '无锡市教育局')
})

// Long reports are paged by the server (issue 20): 工作量统计 and 补助发放 answer the page asked
// for, with the total of all rows and the totals over every row, not over the page.
test('the workload and the subsidy payments are paged on request', async () => {
  const all = assertOk(await h.get('/api/v1/dispatch/workload', { session: s.yeji }))
  assert.ok(all.total > 25, `enough rows to page (${all.total})`)
  assert.equal(all.items.length, all.total)
  const p2 = assertOk(await h.get('/api/v1/dispatch/workload?page=2&page_size=20', { session: s.yeji }))
  assert.equal(p2.total, all.total)
  assert.equal(p2.page, 2)
  assert.equal(p2.page_size, 20)
  assert.deepEqual(p2.items, all.items.slice(20, 40))
  assert.equal(p2.totals.total_hours, all.items.reduce((n, r) => n + r.total_hours, 0))
  const far = assertOk(await h.get('/api/v1/dispatch/workload?page=999&page_size=20', { session: s.yeji }))
  assert.deepEqual(far.items, [])
  const money = assertOk(await h.get('/api/v1/dispatch/entitlements', { session: s.admin }))
  const first = assertOk(await h.get('/api/v1/dispatch/entitlements?page=1&page_size=5', { session: s.admin }))
  assert.equal(first.total, money.total)
  assert.deepEqual(first.items, money.items.slice(0, 5))
  assert.equal(first.payable_fen, money.payable_fen)
  assert.equal(first.pending_fen, money.pending_fen)
  assert.equal((await h.get('/api/v1/dispatch/workload?page_size=0', { session: s.yeji })).status, 400)
})
