// The demo's beneficiaries (data/demo/beneficiaries.json) and inbound student cohorts: the seeds'
// figures (16 Tielukeng households; 15 Xiangcheng students; 198 "9+3" students, 63/74/61 by
// grade, by major), their ID numbers valid but fictional, and the cohorts' scope and checks.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { assertError, assertOk, assertPage, assertXlsx, setup } from './harness.mjs'

let h
let s
const instId = {}
const programId = {}
before(async () => {
  h = await setup({ fullDemo: true })
  s = await h.loginAll(['admin', 'pengzhou', 'huocheng', 'tongcheng', 'wantou'])
  for (const x of assertPage(await h.get('/api/v1/institutions?page_size=200', { session: s.admin }), { pageSize: 200 }).items) instId[x.name] = x.id
  for (const x of assertPage(await h.get('/api/v1/programs?page_size=200', { session: s.admin }), { pageSize: 200 }).items) programId[x.name] = x.id
})
after(async () => {
  await h?.close()
})

function checkDigitOk(id) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...id.slice(0, 17)].reduce((acc, d, i) => acc + Number(d) * w[i], 0)
  return '10X98765432'[sum % 11] === id[17]
}

test('the seeds\' students and Tielukeng\'s 16 households are in the demo, masked, with valid fictional ID numbers', async () => {
  const village = instId['企石镇铁炉坑村']
  const hh = assertPage(await h.get(`/api/v1/beneficiaries?kind=household&institution=${village}&page_size=50`, { session: s.admin }), { pageSize: 50 })
  assert.equal(hh.total, 16)
  for (const x of hh.items) {
    assert.ok(x.poverty_causes.length > 0, `${x.name} has causes of poverty`)
    assert.match(x.id_number, /^991\*{11}\d{3}[\dX]$/)
  }
  const students = assertPage(await h.get('/api/v1/beneficiaries?kind=student&page_size=50', { session: s.admin }), { pageSize: 50 })
  for (const name of ['涵涵', '王石佳豪', '宁浩泽']) assert.ok(students.items.some((x) => x.name === name), name)
  const hanhan = students.items.find((x) => x.name === '涵涵')
  assert.equal(hanhan.institution_name, '五里镇湾头小学')
  const open = assertOk(await h.get(`/api/v1/beneficiaries/${hanhan.id}?unmask=true`, { session: s.admin }))
  assert.ok(open.id_number.startsWith('99'), 'province code 99 does not exist: fictional')
  assert.ok(checkDigitOk(open.id_number))
  assert.equal(open.id_number.slice(6, 14), open.birth_date.replaceAll('-', ''))
  // Scope: the Wantou school admin sees its pupils, not the village's households.
  const mine = assertPage(await h.get('/api/v1/beneficiaries?page_size=50', { session: s.wantou }), { pageSize: 50 })
  assert.ok(mine.items.length >= 3 && mine.items.every((x) => x.institution_name === '五里镇湾头小学'))
  const stats = assertOk(await h.get('/api/v1/beneficiaries/stats', { session: s.admin }))
  assert.ok(stats.households >= 16 && stats.students >= 6)
})

test('inbound students: 15 from Xiangcheng and 198 "9+3" students, 63/74/61 by grade, by major', async () => {
  const nine = programId['四川省“9+3”免费中等职业教育（彭州市职业中学）']
  const xc = programId['成都市彭州市对口支援乡城县教育']
  assert.ok(nine && xc)
  const all = assertOk(await h.get('/api/v1/inbound-cohorts/stats', { session: s.pengzhou }))
  assert.equal(all.students, 213)
  assert.deepEqual(all.by_program.map((p) => [Number(p.key), p.students]).sort(), [[nine, 198], [xc, 15]].sort())
  const vocational = assertOk(await h.get(`/api/v1/inbound-cohorts/stats?program=${nine}`, { session: s.pengzhou }))
  assert.deepEqual(vocational.by_grade.map((g) => [g.label, g.students]), [['高一', 63], ['高二', 74], ['高三', 61]])
  assert.equal(vocational.by_major.length, 7)
  assert.equal(vocational.by_major.reduce((n, m) => n + m.students, 0), 198)
  assert.equal(vocational.fee_exemption_fen, 198 * 200000)
  const list = assertPage(await h.get(`/api/v1/inbound-cohorts?program=${xc}`, { session: s.pengzhou }))
  assert.deepEqual(list.items.map((k) => k.host_name).sort(), ['彭州中学', '彭州市第一中学'].sort())
  assert.ok(list.items.every((k) => k.origin_region_name === '乡城县'))
  assertXlsx(await h.get('/api/v1/inbound-cohorts/export.xlsx', { session: s.pengzhou }), '异地就读学生')
  // Other regions see none of it.
  assert.equal(assertOk(await h.get('/api/v1/inbound-cohorts/stats', { session: s.huocheng })).students, 0)
  assertError(await h.get(`/api/v1/inbound-cohorts/${list.items[0].id}`, { session: s.tongcheng }), 404, 'not_found')
})

test('inbound cohorts: the host\'s bureau records them; others are refused; bad input names the field', async () => {
  const nine = programId['四川省“9+3”免费中等职业教育（彭州市职业中学）']
  const body = {
    program: nine, host_institution: instId['彭州市职业中学'], origin_region: '513200', school_year: 2026, stage: 'vocational',
    grade: '高一', major: '汽车运用与维修', student_count: 21, fee_exemption: '2000.00',
  }
  assertError(await h.post('/api/v1/inbound-cohorts', body, { session: s.huocheng }), 403, 'forbidden')
  const bad = await h.post('/api/v1/inbound-cohorts', { ...body, student_count: 0, fee_exemption: '2000.001', origin_region: '000000' }, { session: s.pengzhou })
  assertError(bad, 422, 'validation', ['student_count', 'fee_exemption', 'origin_region'])
  const k = assertOk(await h.post('/api/v1/inbound-cohorts', body, { session: s.pengzhou }), 201)
  assert.equal(k.fee_exemption_fen, 200000)
  assertError(await h.patch(`/api/v1/inbound-cohorts/${k.id}`, { student_count: 22 }, { session: s.tongcheng }), 403, 'forbidden')
  assert.equal(assertOk(await h.patch(`/api/v1/inbound-cohorts/${k.id}`, { student_count: 22 }, { session: s.pengzhou })).student_count, 22)
  const audit = assertOk(await h.get(`/api/v1/audit?entity=inbound_cohort&entity_id=${k.id}`, { session: s.admin }))
  assert.deepEqual(audit.items.map((e) => e.action), ['update', 'create'])
  assert.equal((await h.del(`/api/v1/inbound-cohorts/${k.id}`, { session: s.pengzhou })).status, 204)
  assertError(await h.get(`/api/v1/inbound-cohorts/${k.id}`, { session: s.pengzhou }), 404, 'not_found')
})
