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
  // The demo has programs of its own: look at the two made here (their names share 无锡).
  const mine = (page) => page.items.map((x) => x.name).filter((n) => n === '无锡—霍城对口支援' || n === '无锡市医院对口支援')
  const wx = assertPage(await h.get('/api/v1/programs?region=320200&sort=start_date', { session: s.admin }))
  assert.deepEqual(mine(wx), ['无锡—霍城对口支援', '无锡市医院对口支援'])
  assert.ok(wx.items.every((x) => x.region === '320200' || x.region.startsWith('3202')))
  const desc = assertPage(await h.get('/api/v1/programs?region=320200&sort=-start_date', { session: s.admin }))
  assert.deepEqual(mine(desc), ['无锡市医院对口支援', '无锡—霍城对口支援'])
  const hospital = assertPage(await h.get('/api/v1/programs?region=320200&kind=hospital_support', { session: s.admin }))
  assert.deepEqual(hospital.items.map((x) => x.name), ['无锡市医院对口支援'])
  const planning = assertPage(await h.get('/api/v1/programs?region=320200&status=planning', { session: s.admin }))
  assert.deepEqual(planning.items.map((x) => x.name), ['无锡市医院对口支援'])
  // The region filter takes the subtree: 叶集区's programs are not in 无锡's.
  assert.ok(!wx.items.some((x) => x.region === '341504'))
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
  const used = await create(s.yeji, program('有领导小组的项目'))
  assertOk(await h.post(`/api/v1/programs/${used.id}/leading-group`, { role: 'leader', name: '王局长' }, { session: s.yeji }), 201)
  const archived = assertOk(await h.del(`/api/v1/programs/${used.id}`, { session: s.yeji }))
  assert.deepEqual(archived, { archived: true })
  assert.equal(assertOk(await h.get(`/api/v1/programs/${used.id}`, { session: s.yeji })).archived, true)
  assert.ok(!assertPage(await h.get('/api/v1/programs?page_size=200', { session: s.yeji }), { pageSize: 200 }).items.some((x) => x.id === used.id))
  assert.ok(assertPage(await h.get('/api/v1/programs?archived=true', { session: s.yeji })).items.some((x) => x.id === used.id))
  assert.equal(assertOk(await h.patch(`/api/v1/programs/${used.id}`, { archived: false }, { session: s.yeji })).archived, false)
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

// ---- leading group ---------------------------------------------------------------------------

test('leading group: add (typed name or staff record), list in role order, update, delete', async () => {
  const p = await create(s.tongcheng, program('通城县领导小组测试', { region: '421222' }))
  const base = `/api/v1/programs/${p.id}/leading-group`
  const staff = assertPage(await h.get('/api/v1/staff?q=' + encodeURIComponent('李家红'), { session: s.tongcheng }))
  assert.ok(staff.items.length >= 1, 'demo staff 李家红 not found')
  const li = staff.items[0]
  assertOk(await h.post(base, { role: 'office', name: '县教育局办公室', unit: '通城县教育局' }, { session: s.tongcheng }), 201)
  const member = assertOk(await h.post(base, { role: 'member', staff: li.id, position: '骨干教师' }, { session: s.tongcheng }), 201)
  assert.equal(member.name, '李家红')
  assert.equal(member.staff, li.id)
  const leader = assertOk(await h.post(base, { role: 'leader', name: '王局长', position: '局长', unit: '通城县教育局' }, { session: s.tongcheng }), 201)
  assert.equal(leader.staff, null)
  const list = assertOk(await h.get(base, { session: s.tongcheng }))
  assert.equal(list.total, 3)
  assert.deepEqual(list.items.map((x) => x.role), ['leader', 'member', 'office'])
  const changed = assertOk(await h.patch(`${base}/${leader.id}`, { role: 'deputy', position: '副局长' }, { session: s.tongcheng }))
  assert.equal(changed.role, 'deputy')
  assert.equal(changed.name, '王局长')
  // Switching a staff member to a typed name.
  const typed = assertOk(await h.patch(`${base}/${member.id}`, { staff: null, name: '赵老师' }, { session: s.tongcheng }))
  assert.equal(typed.staff, null)
  assert.equal(typed.name, '赵老师')
  assert.equal((await h.del(`${base}/${leader.id}`, { session: s.tongcheng })).status, 204)
  assert.equal(assertOk(await h.get(base, { session: s.tongcheng })).total, 2)
  assertError(await h.del(`${base}/${leader.id}`, { session: s.tongcheng }), 404, 'not_found')
  const audit = assertPage(await h.get('/api/v1/audit?entity=leading_group_member', { session: s.admin }))
  assert.ok(audit.items.some((e) => e.action === 'delete' && e.entity_id === String(leader.id)))
})

test('leading group: validation names the field; staff out of scope; refusals', async () => {
  const p = await create(s.tongcheng, program('通城县领导小组校验', { region: '421222' }))
  const base = `/api/v1/programs/${p.id}/leading-group`
  let res = await h.post(base, { role: 'leader' }, { session: s.tongcheng })
  assertError(res, 422, 'validation', ['name'])
  assert.match(res.json.error.fields.name, /请选择教职工或填写姓名/)
  assertError(await h.post(base, { role: 'chief', name: 'x' }, { session: s.tongcheng }), 422, 'validation', ['role'])
  assertError(await h.post(base, { role: 'member', name: '名'.repeat(51) }, { session: s.tongcheng }), 422, 'validation', ['name'])
  assertError(await h.post(base, { role: 'member', name: 'x', extra: 1 }, { session: s.tongcheng }), 422, 'validation', ['extra'])
  const hcStaff = assertPage(await h.get('/api/v1/staff', { session: s.huocheng })).items[0]
  assertError(await h.post(base, { role: 'member', staff: hcStaff.id }, { session: s.tongcheng }), 422, 'validation', ['staff'])
  assert.equal(assertOk(await h.get(base, { session: s.tongcheng })).total, 0)
  const m = assertOk(await h.post(base, { role: 'leader', name: '王局长' }, { session: s.tongcheng }), 201)
  // Other bureaus: 404 on read, 403 on write; read-only and school roles: 403.
  assertError(await h.get(base, { session: s.huocheng }), 404, 'not_found')
  assertError(await h.post(base, { role: 'member', name: 'x' }, { session: s.huocheng }), 403, 'forbidden')
  assertError(await h.patch(`${base}/${m.id}`, { name: 'x' }, { session: s.huocheng }), 403, 'forbidden')
  assertError(await h.del(`${base}/${m.id}`, { session: s.huocheng }), 403, 'forbidden')
  for (const who of ['inspector', 'shiyan', 'teacher1']) {
    assertError(await h.post(base, { role: 'member', name: 'x' }, { session: s[who] }), 403, 'forbidden')
  }
  assertError(await h.patch(`${base}/${m.id}`, { name: 'x' }, { session: s.inspector }), 403, 'forbidden')
  assertError(await h.del(`${base}/${m.id}`, { session: s.inspector }), 403, 'forbidden')
  assert.equal(assertOk(await h.get(base, { session: s.inspector })).total, 1)
  assertError(await h.get('/api/v1/programs/999999/leading-group', { session: s.admin }), 404, 'not_found')
})

// ---- policy documents ------------------------------------------------------------------------

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1')

test('policy documents: create, list, get, update, file upload/download/replace/delete, delete', async () => {
  const p = await create(s.yeji, program('叶集区政策文件测试'))
  const base = `/api/v1/programs/${p.id}/documents`
  const doc = assertOk(await h.post(base, { title: '关于开展城乡学校结对帮扶工作的通知', doc_number: '叶教〔2011〕45号', issuer: '叶集区文教局', issued_on: '2011-09-05' }, { session: s.yeji }), 201)
  assert.equal(doc.doc_number, '叶教〔2011〕45号')
  assert.equal(doc.file, null)
  const other = assertOk(await h.post(base, { title: '实施方案', doc_number: '叶教[2012]3号', issued_on: '2012-02-01' }, { session: s.yeji }), 201)
  assert.equal(other.doc_number, '叶教[2012]3号')
  const list = assertOk(await h.get(base, { session: s.yeji }))
  assert.deepEqual(list.items.map((x) => x.id), [other.id, doc.id]) // newest first
  assert.equal(assertOk(await h.get(`${base}/${doc.id}`, { session: s.yeji })).issuer, '叶集区文教局')
  const changed = assertOk(await h.patch(`${base}/${doc.id}`, { issuer: '叶集区文教局、财政局' }, { session: s.yeji }))
  assert.equal(changed.issuer, '叶集区文教局、财政局')
  assert.equal(changed.doc_number, '叶教〔2011〕45号')

  // Upload, download the same bytes, replace, delete the file.
  const name = encodeURIComponent('叶教〔2011〕45号.pdf')
  const up = assertOk(await h.post(`${base}/${doc.id}/file?name=${name}`, PDF, { session: s.yeji, headers: { 'content-type': 'application/pdf' } }))
  assert.equal(up.file_info.name, '叶教〔2011〕45号.pdf')
  assert.equal(up.file_info.content_type, 'application/pdf')
  assert.equal(up.file_info.size, PDF.length)
  const first = up.file
  const dl = await h.get(`${base}/${doc.id}/file`, { session: s.yeji, raw: true })
  assert.equal(dl.status, 200)
  assert.deepEqual(dl.bytes, PDF)
  assert.equal(dl.headers.get('content-type'), 'application/pdf')
  // A school that takes part in none of the program's pairings cannot read the file.
  assertError(await h.get(`${base}/${doc.id}/file`, { session: s.wantou }), 404, 'not_found')
  const PDF2 = Buffer.concat([PDF, Buffer.from('% second version\n')])
  const replaced = assertOk(await h.post(`${base}/${doc.id}/file?name=v2.pdf`, PDF2, { session: s.yeji }))
  assert.notEqual(replaced.file, first)
  assert.deepEqual((await h.get(`${base}/${doc.id}/file`, { session: s.yeji, raw: true })).bytes, PDF2)
  const removed = assertOk(await h.del(`${base}/${doc.id}/file`, { session: s.yeji }))
  assert.equal(removed.file, null)
  assertError(await h.get(`${base}/${doc.id}/file`, { session: s.yeji }), 404, 'not_found')
  assertError(await h.del(`${base}/${doc.id}/file`, { session: s.yeji }), 404, 'not_found')

  // Deleting a document deletes its file too.
  assertOk(await h.post(`${base}/${other.id}/file?name=plan.pdf`, PDF, { session: s.yeji }))
  assert.equal((await h.del(`${base}/${other.id}`, { session: s.yeji })).status, 204)
  assertError(await h.get(`${base}/${other.id}`, { session: s.yeji }), 404, 'not_found')
  assertError(await h.get(`${base}/${other.id}/file`, { session: s.yeji }), 404, 'not_found')
  assert.equal(assertOk(await h.get(base, { session: s.yeji })).total, 1)
})

test('policy documents: wrong type and oversized files are refused naming `file`; validation; refusals', async () => {
  const p = await create(s.yeji, program('叶集区文件校验'))
  const base = `/api/v1/programs/${p.id}/documents`
  let res = await h.post(base, { doc_number: '叶教〔2011〕45号', issued_on: '2011-13-01' }, { session: s.yeji })
  assertError(res, 422, 'validation', ['title', 'issued_on'])
  assertError(await h.post(base, { title: 'x' }, { session: s.yeji }), 422, 'validation', ['issued_on'])
  // `file` is set by uploading only: sent back in a body it is ignored, never taken.
  const doc = assertOk(await h.post(base, { title: '通知', issued_on: '2011-01-01', file: 5 }, { session: s.yeji }), 201)
  assert.equal(doc.file, null)
  // An executable renamed to .pdf, and an extension not accepted for documents.
  const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)])
  assertError(await h.post(`${base}/${doc.id}/file?name=notice.pdf`, exe, { session: s.yeji }), 422, 'validation', ['file'])
  assertError(await h.post(`${base}/${doc.id}/file?name=tool.exe`, exe, { session: s.yeji }), 422, 'validation', ['file'])
  assertError(await h.post(`${base}/${doc.id}/file`, PDF, { session: s.yeji }), 422, 'validation', ['file'])
  // Over the 20 MB document limit (but under the server's body limit): 422 on `file`.
  const big = Buffer.concat([PDF, Buffer.alloc(21 * 1024 * 1024, 0x20)])
  res = await h.post(`${base}/${doc.id}/file?name=big.pdf`, big, { session: s.yeji })
  assertError(res, 422, 'validation', ['file'])
  assert.match(res.json.error.fields.file, /20 MB/)
  // Over the server's body limit: 413 before any handler runs.
  const huge = Buffer.concat([PDF, Buffer.alloc(33 * 1024 * 1024, 0x20)])
  assertError(await h.post(`${base}/${doc.id}/file?name=huge.pdf`, huge, { session: s.yeji }), 413, 'too_large')
  assert.equal(assertOk(await h.get(`${base}/${doc.id}`, { session: s.yeji })).file, null)
  // Refusals: other bureau 404 on read / 403 on write, read-only roles 403.
  assertError(await h.get(base, { session: s.tongcheng }), 404, 'not_found')
  assertError(await h.get(`${base}/${doc.id}`, { session: s.tongcheng }), 404, 'not_found')
  assertError(await h.post(base, { title: 'x', issued_on: '2011-01-01' }, { session: s.tongcheng }), 403, 'forbidden')
  assertError(await h.patch(`${base}/${doc.id}`, { title: 'x' }, { session: s.tongcheng }), 403, 'forbidden')
  assertError(await h.post(`${base}/${doc.id}/file?name=a.pdf`, PDF, { session: s.tongcheng }), 403, 'forbidden')
  assertError(await h.del(`${base}/${doc.id}`, { session: s.tongcheng }), 403, 'forbidden')
  const tc = await create(s.tongcheng, program('通城县文件', { region: '421222' }))
  const tcDoc = assertOk(await h.post(`/api/v1/programs/${tc.id}/documents`, { title: '通知', issued_on: '2012-01-01' }, { session: s.tongcheng }), 201)
  assertOk(await h.get(`/api/v1/programs/${tc.id}/documents/${tcDoc.id}`, { session: s.inspector }))
  assertError(await h.patch(`/api/v1/programs/${tc.id}/documents/${tcDoc.id}`, { title: 'x' }, { session: s.inspector }), 403, 'forbidden')
  assertError(await h.post(`/api/v1/programs/${tc.id}/documents/${tcDoc.id}/file?name=a.pdf`, PDF, { session: s.inspector }), 403, 'forbidden')
  assertError(await h.del(`/api/v1/programs/${tc.id}/documents/${tcDoc.id}/file`, { session: s.inspector }), 403, 'forbidden')
  // A document is reached only through its own program.
  assertError(await h.get(`/api/v1/programs/${p.id}/documents/${tcDoc.id}`, { session: s.admin }), 404, 'not_found')
})

// ---- inspections -----------------------------------------------------------------------------

test('leading group and policy documents export to Excel, in scope only', async () => {
  const p = await create(s.tongcheng, program('通城县导出测试', { region: '421222' }))
  assertOk(await h.post(`/api/v1/programs/${p.id}/leading-group`, { role: 'leader', name: '王局长', position: '局长', unit: '通城县教育局' }, { session: s.tongcheng }), 201)
  assertOk(await h.post(`/api/v1/programs/${p.id}/documents`, { title: '关于开展结对帮扶的通知', doc_number: '通教〔2026〕18号', issuer: '通城县教育局', issued_on: '2026-08-28' }, { session: s.tongcheng }), 201)
  const group = await h.get(`/api/v1/programs/${p.id}/leading-group/export.xlsx`, { session: s.tongcheng })
  assertXlsx(group)
  const groupRows = readXlsxRows(group.bytes)
  assert.deepEqual(groupRows[0], ['职务类别', '姓名', '职务', '单位', '教职工编号'])
  assert.deepEqual(groupRows[1].slice(0, 4), ['组长', '王局长', '局长', '通城县教育局'])
  const docs = await h.get(`/api/v1/programs/${p.id}/documents/export.xlsx`, { session: s.tongcheng })
  assertXlsx(docs)
  const docRows = readXlsxRows(docs.bytes)
  assert.equal(docRows[0][2], '文号')
  assert.equal(docRows[1][2], '通教〔2026〕18号')
  // Another county's bureau cannot read the program, so neither can it export.
  assertError(await h.get(`/api/v1/programs/${p.id}/leading-group/export.xlsx`, { session: s.huocheng }), 404, 'not_found')
  assertError(await h.get(`/api/v1/programs/${p.id}/documents/export.xlsx`, { session: s.huocheng }), 404, 'not_found')
})

test('inspections: create, list with filters, get, update, delete, export', async () => {
  const p = await create(s.tongcheng, program('通城县督导测试', { region: '421222' }))
  const a = assertOk(await h.post('/api/v1/inspections', { program: p.id, inspected_on: '2012-06-01', inspectors: '张督学、李督学', checked: '结对帮扶“四有”落实情况', findings: '个别学校计划不全', follow_ups: '限期补齐' }, { session: s.tongcheng }), 201)
  assert.equal(a.program_name, '通城县督导测试')
  assert.equal(a.pairing, null)
  const b = assertOk(await h.post('/api/v1/inspections', { program: p.id, inspected_on: '2012-12-01', inspectors: '王督学' }, { session: s.tongcheng }), 201)
  let page = assertPage(await h.get(`/api/v1/inspections?program=${p.id}`, { session: s.tongcheng }))
  assert.deepEqual(page.items.map((x) => x.id), [b.id, a.id])
  page = assertPage(await h.get(`/api/v1/inspections?program=${p.id}&date_from=2012-07-01`, { session: s.tongcheng }))
  assert.deepEqual(page.items.map((x) => x.id), [b.id])
  page = assertPage(await h.get(`/api/v1/inspections?program=${p.id}&date_to=2012-06-30&sort=inspected_on`, { session: s.tongcheng }))
  assert.deepEqual(page.items.map((x) => x.id), [a.id])
  assertError(await h.get('/api/v1/inspections?date_from=June', { session: s.tongcheng }), 400, 'malformed', ['date_from'])
  assertError(await h.get('/api/v1/inspections?program=abc', { session: s.tongcheng }), 400, 'malformed', ['program'])
  assertError(await h.get('/api/v1/inspections?colour=red', { session: s.tongcheng }), 400, 'malformed', ['colour'])
  assert.equal(assertOk(await h.get(`/api/v1/inspections/${a.id}`, { session: s.tongcheng })).checked, '结对帮扶“四有”落实情况')
  const changed = assertOk(await h.patch(`/api/v1/inspections/${b.id}`, { findings: '教师交流次数不足' }, { session: s.tongcheng }))
  assert.equal(changed.findings, '教师交流次数不足')
  assert.equal(changed.inspectors, '王督学')
  const res = await h.get(`/api/v1/inspections/export.xlsx?program=${p.id}`, { session: s.tongcheng })
  assertXlsx(res)
  const rows = readXlsxRows(res.bytes)
  assert.equal(rows[0][1], '检查日期')
  assert.ok(rows.some((r) => r.includes('张督学、李督学')))
  assert.ok(rows.some((r) => r.includes('教师交流次数不足')))
  assert.equal((await h.del(`/api/v1/inspections/${a.id}`, { session: s.tongcheng })).status, 204)
  assertError(await h.get(`/api/v1/inspections/${a.id}`, { session: s.tongcheng }), 404, 'not_found')
})

test('inspections: validation names the field; scope refusals; inspectors read only', async () => {
  const p = await create(s.tongcheng, program('通城县督导校验', { region: '421222' }))
  let res = await h.post('/api/v1/inspections', { program: p.id }, { session: s.tongcheng })
  assertError(res, 422, 'validation', ['inspected_on', 'inspectors'])
  assert.match(res.json.error.fields.inspectors, /检查人员不能为空/)
  assertError(await h.post('/api/v1/inspections', { inspected_on: '2012-01-01', inspectors: 'x' }, { session: s.tongcheng }), 422, 'validation', ['program'])
  assertError(await h.post('/api/v1/inspections', { program: 999999, inspected_on: '2012-01-01', inspectors: 'x' }, { session: s.tongcheng }), 422, 'validation', ['program'])
  assertError(await h.post('/api/v1/inspections', { program: p.id, pairing: 999999, inspected_on: '2012-01-01', inspectors: 'x' }, { session: s.tongcheng }), 422, 'validation', ['pairing'])
  assertError(await h.post('/api/v1/inspections', { program: p.id, inspected_on: '2012-01-01', inspectors: 'x'.repeat(501) }, { session: s.tongcheng }), 422, 'validation', ['inspectors'])
  // Another bureau's program is refused (403) on `program`.
  assertError(await h.post('/api/v1/inspections', { program: p.id, inspected_on: '2012-01-01', inspectors: 'x' }, { session: s.huocheng }), 403, 'forbidden', ['program'])
  const x = assertOk(await h.post('/api/v1/inspections', { program: p.id, inspected_on: '2012-01-01', inspectors: '督学' }, { session: s.tongcheng }), 201)
  assertError(await h.get(`/api/v1/inspections/${x.id}`, { session: s.huocheng }), 404, 'not_found')
  assert.ok(!assertPage(await h.get('/api/v1/inspections', { session: s.huocheng })).items.some((i) => i.id === x.id))
  assertError(await h.patch(`/api/v1/inspections/${x.id}`, { findings: 'x' }, { session: s.huocheng }), 403, 'forbidden')
  assertError(await h.del(`/api/v1/inspections/${x.id}`, { session: s.huocheng }), 403, 'forbidden')
  // The inspector (督导) reads, never writes.
  assertOk(await h.get(`/api/v1/inspections/${x.id}`, { session: s.inspector }))
  assertError(await h.post('/api/v1/inspections', { program: p.id, inspected_on: '2012-01-01', inspectors: '督学' }, { session: s.inspector }), 403, 'forbidden')
  assertError(await h.patch(`/api/v1/inspections/${x.id}`, { findings: 'x' }, { session: s.inspector }), 403, 'forbidden')
  assertError(await h.del(`/api/v1/inspections/${x.id}`, { session: s.inspector }), 403, 'forbidden')
  // A school outside every pairing of the program neither reads nor records a program-level one.
  assertError(await h.get(`/api/v1/inspections/${x.id}`, { session: s.shiyan }), 404, 'not_found')
  assertError(await h.patch(`/api/v1/inspections/${x.id}`, { findings: 'x' }, { session: s.shiyan }), 403, 'forbidden')
  assertError(await h.patch(`/api/v1/inspections/${x.id}`, { inspected_on: '2012-02-30' }, { session: s.tongcheng }), 422, 'validation', ['inspected_on'])
  assert.equal(assertOk(await h.get(`/api/v1/inspections/${x.id}`, { session: s.tongcheng })).inspected_on, '2012-01-01')
})
