// Programs (帮扶项目), their leading groups and policy documents, and inspections: every
// endpoint's success, validation (the field named), refusals (403 for read-only roles and writes
// out of scope, 404 for reads out of scope) and exports.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { assertError, assertOk, assertPage, assertXlsx, readXlsxRows, setup } from './harness.mjs'

let h
let s
before(async () => {
  h = await setup()
  s = await h.loginAll(['admin', 'tongcheng', 'huocheng', 'yeji', 'wuxi', 'shiyan', 'wantou', 'teacher1', 'inspector'])
})
after(async () => {
  await h?.close()
})

const program = (name, extra = {}) => ({
  name,
  kind: 'urban_rural_school',
  region: '341504',
  start_date: '2011-09-01',
  office: '叶集区城乡学校结对帮扶工作领导小组办公室（设在文教局）',
  ...extra,
})

async function create(session, body) {
  return assertOk(await h.post('/api/v1/programs', body, { session }), 201)
}

test('programs: create, get (with pairing counts), list, update', async () => {
  const p = await create(s.yeji, program('叶集区城乡学校结对帮扶', { goals: '缩小城乡、校际差距', end_date: '2015-07-31' }))
  assert.equal(p.name, '叶集区城乡学校结对帮扶')
  assert.equal(p.region, '341504')
  assert.equal(p.region_name, '叶集区')
  assert.equal(p.status, 'active')
  assert.equal(p.end_date, '2015-07-31')
  assert.equal(p.archived, false)
  assert.equal(p.office, '叶集区城乡学校结对帮扶工作领导小组办公室（设在文教局）')
  const got = assertOk(await h.get(`/api/v1/programs/${p.id}`, { session: s.yeji }))
  assert.equal(got.pairing_count, 0)
  assert.equal(got.active_pairing_count, 0)
  assert.equal(got.goals, '缩小城乡、校际差距')
  const page = assertPage(await h.get('/api/v1/programs?q=' + encodeURIComponent('叶集'), { session: s.yeji }))
  assert.ok(page.items.some((x) => x.id === p.id))
  assert.ok(!('pairing_count' in page.items[0]))
  const changed = assertOk(await h.patch(`/api/v1/programs/${p.id}`, { status: 'completed', end_date: null }, { session: s.yeji }))
  assert.equal(changed.status, 'completed')
  assert.equal(changed.end_date, null)
  assert.equal(changed.goals, '缩小城乡、校际差距')
  const audit = assertPage(await h.get(`/api/v1/audit?entity=program`, { session: s.admin }))
  assert.ok(audit.items.some((e) => e.entity_id === String(p.id) && e.action === 'update'))
})

test('programs: validation errors name each field and change nothing', async () => {
  const before = assertPage(await h.get('/api/v1/programs?archived=false', { session: s.admin })).total
  let res = await h.post('/api/v1/programs', { name: '', kind: 'other', region: '341504', start_date: '2012-01-01', end_date: '2011-01-01', status: 'x' }, { session: s.yeji })
  assertError(res, 422, 'validation', ['name', 'kind', 'end_date', 'status'])
  assert.match(res.json.error.fields.end_date, /结束日期不能早于开始日期/)
  res = await h.post('/api/v1/programs', { ...program('x'), start_date: '2011-02-30', colour: 'red' }, { session: s.yeji })
  assertError(res, 422, 'validation', ['start_date', 'colour'])
  res = await h.post('/api/v1/programs', { ...program('x'), region: '999999' }, { session: s.admin })
  assertError(res, 422, 'validation', ['region'])
  res = await h.post('/api/v1/programs', program('名'.repeat(101)), { session: s.yeji })
  assertError(res, 422, 'validation', ['name'])
  const en = await h.post('/api/v1/programs', { ...program('x'), kind: '' }, { session: s.yeji, headers: { 'accept-language': 'en' } })
  assertError(en, 422, 'validation', ['kind'])
  assert.match(en.json.error.fields.kind, /kind is required/)
  assertError(await h.post('/api/v1/programs', 'not json', { session: s.yeji, headers: { 'content-type': 'application/json' } }), 400, 'malformed')
  assert.equal(assertPage(await h.get('/api/v1/programs?archived=false', { session: s.admin })).total, before)
  const p = await create(s.yeji, program('待修改的项目'))
  assertError(await h.patch(`/api/v1/programs/${p.id}`, { start_date: 'soon' }, { session: s.yeji }), 422, 'validation', ['start_date'])
  assert.equal(assertOk(await h.get(`/api/v1/programs/${p.id}`, { session: s.yeji })).start_date, '2011-09-01')
})

test('programs: scope — other bureaus 404 on read, 403 on write; read-only roles 403', async () => {
  const p = await create(s.yeji, program('叶集区幼儿园结对帮扶', { kind: 'kindergarten_pairing' }))
  assertError(await h.get(`/api/v1/programs/${p.id}`, { session: s.tongcheng }), 404, 'not_found')
  assert.ok(!assertPage(await h.get('/api/v1/programs?page_size=200', { session: s.tongcheng }), { pageSize: 200 }).items.some((x) => x.id === p.id))
  assertError(await h.patch(`/api/v1/programs/${p.id}`, { name: '越权' }, { session: s.tongcheng }), 403, 'forbidden', ['program'])
  assertError(await h.del(`/api/v1/programs/${p.id}`, { session: s.tongcheng }), 403, 'forbidden')
  // A bureau may not create a program owned by another region: the refusal names `region`.
  assertError(await h.post('/api/v1/programs', program('越权项目'), { session: s.tongcheng }), 403, 'forbidden', ['region'])
  assertError(await h.patch(`/api/v1/programs/${p.id}`, { region: '421222' }, { session: s.yeji }), 403, 'forbidden', ['region'])
  // Read-only and institution roles.
  for (const who of ['inspector', 'teacher1', 'shiyan']) {
    assertError(await h.post('/api/v1/programs', program('x', { region: '421222' }), { session: s[who] }), 403, 'forbidden')
  }
  const tc = await create(s.tongcheng, program('通城县城乡学校结对帮扶', { region: '421222' }))
  assert.ok(assertPage(await h.get('/api/v1/programs', { session: s.inspector })).items.some((x) => x.id === tc.id))
  assertOk(await h.get(`/api/v1/programs/${tc.id}`, { session: s.inspector }))
  assertError(await h.patch(`/api/v1/programs/${tc.id}`, { name: 'x' }, { session: s.inspector }), 403, 'forbidden')
  assertError(await h.del(`/api/v1/programs/${tc.id}`, { session: s.inspector }), 403, 'forbidden')
  // A school sees no program until it is part of one of its pairings.
  assertError(await h.get(`/api/v1/programs/${tc.id}`, { session: s.shiyan }), 404, 'not_found')
  assertError(await h.patch(`/api/v1/programs/${tc.id}`, { name: 'x' }, { session: s.shiyan }), 403, 'forbidden')
  assertError(await h.get('/api/v1/programs/999999', { session: s.admin }), 404, 'not_found')
  assertError(await h.get('/api/v1/programs/abc', { session: s.admin }), 404, 'not_found')
  // Without a session: 401.
  assert.equal((await h.get('/api/v1/programs')).status, 401)
})

test('programs: filters, sort and bad parameters', async () => {
  await create(s.wuxi, program('无锡—霍城对口支援', { kind: 'counterpart_support', region: '320200', start_date: '2010-05-01', status: 'active' }))
  await create(s.wuxi, program('无锡市医院对口支援', { kind: 'hospital_support', region: '320200', start_date: '2012-01-01', status: 'planning' }))
  const wx = assertPage(await h.get('/api/v1/programs?region=320200&sort=start_date', { session: s.admin }))
  assert.deepEqual(wx.items.map((x) => x.name), ['无锡—霍城对口支援', '无锡市医院对口支援'])
  const desc = assertPage(await h.get('/api/v1/programs?region=320200&sort=-start_date', { session: s.admin }))
  assert.equal(desc.items[0].name, '无锡市医院对口支援')
  assert.equal(assertPage(await h.get('/api/v1/programs?region=320200&kind=hospital_support', { session: s.admin })).total, 1)
  assert.equal(assertPage(await h.get('/api/v1/programs?region=320200&status=planning', { session: s.admin })).total, 1)
  assertError(await h.get('/api/v1/programs?kind=big', { session: s.admin }), 400, 'malformed', ['kind'])
  assertError(await h.get('/api/v1/programs?status=x', { session: s.admin }), 400, 'malformed', ['status'])
  assertError(await h.get('/api/v1/programs?colour=red', { session: s.admin }), 400, 'malformed', ['colour'])
  assertError(await h.get('/api/v1/programs?sort=goals', { session: s.admin }), 400, 'malformed', ['sort'])
  assertPage(await h.get('/api/v1/programs?sort=name', { session: s.admin }))
  assertPage(await h.get('/api/v1/programs?sort=-id', { session: s.admin }))
})

test('programs: delete when nothing refers to it, archive otherwise', async () => {
  const empty = await create(s.yeji, program('空项目'))
  const res = await h.del(`/api/v1/programs/${empty.id}`, { session: s.yeji })
  assert.equal(res.status, 204)
  assertError(await h.get(`/api/v1/programs/${empty.id}`, { session: s.yeji }), 404, 'not_found')
})

test('programs: export.xlsx in scope, Chinese headers, English on request', async () => {
  await create(s.yeji, program('叶集区导出测试项目'))
  await create(s.tongcheng, program('通城县导出测试项目', { region: '421222' }))
  const res = await h.get('/api/v1/programs/export.xlsx', { session: s.yeji })
  assertXlsx(res)
  const rows = readXlsxRows(res.bytes)
  assert.equal(rows[0][1], '项目名称')
  assert.ok(rows.some((r) => r.includes('叶集区导出测试项目')))
  assert.ok(rows.some((r) => r.includes('城乡学校结对帮扶')), 'kind exported as its Chinese label')
  assert.ok(!rows.some((r) => r.includes('通城县导出测试项目')), 'another bureau\'s program leaked into the export')
  const en = readXlsxRows((await h.get('/api/v1/programs/export.xlsx', { session: s.yeji, headers: { 'accept-language': 'en' } })).bytes)
  assert.equal(en[0][1], 'name')
  assertError(await h.get('/api/v1/programs/export.xlsx?colour=red', { session: s.yeji }), 400, 'malformed', ['colour'])
})
