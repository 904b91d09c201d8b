// Beneficiaries (issue 5): personal data masked on every path (list, detail, export, search by
// ID number) unless the reader holds 'beneficiary_personal' and asks (?unmask=true), each unmasked
// read audited; scope for each role (reads 404, writes 403); the permission's grant and revoke;
// import with bad ID numbers and dates in both modes; statistics.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { assertError, assertOk, assertPage, assertXlsx, readXlsxRows, setup } from './harness.mjs'

let h
let s
const instId = {}
const userId = {}
before(async () => {
  h = await setup()
  s = await h.loginAll(['admin', 'tongcheng', 'huocheng', 'pengzhou', 'shiyan', 'wantou', 'teacher1', 'inspector'])
  const inst = assertPage(await h.get('/api/v1/institutions?page_size=200', { session: s.admin }), { pageSize: 200 })
  for (const x of inst.items) instId[x.name] = x.id
  const users = assertPage(await h.get('/api/v1/users?page_size=200', { session: s.admin }), { pageSize: 200 })
  for (const x of users.items) userId[x.username] = x.id
})
after(async () => {
  await h?.close()
})

// GB 11643 check digit, so the tests hold valid (fictional) numbers.
function idNumber(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * w[i], 0)
  return first17 + '10X98765432'[sum % 11]
}
const ID = idNumber('42122220140302901')
const MASKED_ID = `421***********${ID.slice(14)}`
const student = (extra = {}) => ({
  kind: 'student', name: '测试学生', gender: 'female', id_number: ID, institution: instId['通城县实验小学'],
  grade: '四年级', class_name: '2 班', categories: ['registered_poor', 'left_behind'], guardian_name: '测试监护人',
  guardian_relation: '祖母', phone: '13800009999', address: '通城县隽水镇某村 3 组', family_situation: '父母在外务工',
  ...extra,
})
async function personalReads(id) {
  return assertOk(await h.get(`/api/v1/audit?entity=beneficiary&entity_id=${id}&action=read_personal`, { session: s.admin })).total
}

let created
test('an institution admin adds a student: the answer, the list and the detail show personal data masked', async () => {
  const res = assertOk(await h.post('/api/v1/beneficiaries', student(), { session: s.shiyan }), 201)
  created = res.id
  assert.equal(res.id_number, MASKED_ID)
  assert.equal(res.birth_date, '2014-03-02') // taken from the ID number
  assert.equal(res.phone, '138****9999')
  assert.equal(res.personal_masked, true)
  for (const who of ['admin', 'tongcheng', 'shiyan', 'inspector']) {
    const page = assertPage(await h.get('/api/v1/beneficiaries?kind=student', { session: s[who] }))
    const x = page.items.find((b) => b.id === created)
    assert.ok(x, who)
    assert.equal(x.id_number, MASKED_ID, who)
    assert.equal(x.address, '******')
    assert.equal(x.family_situation, '******')
    const detail = assertOk(await h.get(`/api/v1/beneficiaries/${created}`, { session: s[who] }))
    assert.equal(detail.id_number, MASKED_ID, `${who}'s detail is masked unless asked`)
  }
  assert.equal(await personalReads(created), 0)
})

test('search by a full ID number finds the record but shows it masked; a partial number finds nothing', async () => {
  const full = assertPage(await h.get(`/api/v1/beneficiaries?q=${ID}`, { session: s.shiyan }))
  assert.deepEqual(full.items.map((x) => x.id), [created])
  assert.equal(full.items[0].id_number, MASKED_ID)
  assert.ok(!JSON.stringify(full).includes(ID.slice(6, 14)), 'the date of birth digits never show')
  for (const part of [ID.slice(0, 14), ID.slice(0, 17), ID.slice(6, 14), ID.slice(14)]) {
    const page = assertPage(await h.get(`/api/v1/beneficiaries?q=${part}`, { session: s.admin }))
    assert.equal(page.total, 0, `partial number ${part} must not match`)
  }
  assert.equal(assertPage(await h.get(`/api/v1/beneficiaries?q=${ID}`, { session: s.huocheng })).total, 0)
})

test('unmasking needs the permission: 403 without it, granted by a bureau admin in scope, each read audited', async () => {
  assertError(await h.get(`/api/v1/beneficiaries/${created}?unmask=true`, { session: s.shiyan }), 403, 'forbidden')
  assertError(await h.get(`/api/v1/beneficiaries/${created}?unmask=true`, { session: s.tongcheng }), 403, 'forbidden')
  // Bureau admins may grant it in their region, not to themselves, not beyond; institution admins not at all.
  assertError(await h.api('PUT', `/api/v1/users/${userId.tongcheng}/permissions/beneficiary_personal`, { session: s.tongcheng }), 403, 'forbidden')
  assertError(await h.api('PUT', `/api/v1/users/${userId.wantou}/permissions/beneficiary_personal`, { session: s.huocheng }), 403, 'forbidden')
  assertError(await h.api('PUT', `/api/v1/users/${userId.teacher1}/permissions/beneficiary_personal`, { session: s.shiyan }), 403, 'forbidden')
  assertError(await h.api('PUT', `/api/v1/users/${userId.shiyan}/permissions/see_everything`, { session: s.admin }), 404, 'not_found')
  assert.equal((await h.api('PUT', `/api/v1/users/${userId.shiyan}/permissions/beneficiary_personal`, { session: s.tongcheng })).status, 204)
  const holders = assertOk(await h.get('/api/v1/permissions/beneficiary_personal/users', { session: s.tongcheng }))
  assert.deepEqual(holders.users, [userId.shiyan])
  assert.deepEqual(assertOk(await h.get('/api/v1/permissions/beneficiary_personal/users', { session: s.huocheng })).users, [])
  const grant = assertOk(await h.get(`/api/v1/audit?entity=user&entity_id=${userId.shiyan}&action=grant_permission`, { session: s.admin }))
  assert.equal(grant.items[0].username, 'tongcheng')

  const x = assertOk(await h.get(`/api/v1/beneficiaries/${created}?unmask=true`, { session: s.shiyan }))
  assert.equal(x.id_number, ID)
  assert.equal(x.phone, '13800009999')
  assert.equal(x.family_situation, '父母在外务工')
  assert.equal(x.personal_masked, false)
  assert.equal(await personalReads(created), 1)
  const entry = assertOk(await h.get(`/api/v1/audit?entity=beneficiary&entity_id=${created}&action=read_personal`, { session: s.shiyan })).items[0]
  assert.equal(entry.username, 'shiyan')
  assert.deepEqual(entry.after.fields, ['id_number', 'phone', 'address', 'family_situation'])
  assert.equal(entry.after.via, 'detail')
  // The list stays masked even for a holder.
  const list = assertPage(await h.get('/api/v1/beneficiaries', { session: s.shiyan }))
  assert.equal(list.items.find((b) => b.id === created).id_number, MASKED_ID)
  // The system admin holds it implicitly.
  assert.equal(assertOk(await h.get(`/api/v1/beneficiaries/${created}?unmask=true`, { session: s.admin })).id_number, ID)
  assert.equal(await personalReads(created), 2)
  // Revoked, it is gone at the next request.
  assert.equal((await h.api('DELETE', `/api/v1/users/${userId.shiyan}/permissions/beneficiary_personal`, { session: s.tongcheng })).status, 204)
  assertError(await h.get(`/api/v1/beneficiaries/${created}?unmask=true`, { session: s.shiyan }), 403, 'forbidden')
})

test('exports are masked; an unmasked export is for permission holders only and audits every record', async () => {
  const masked = await h.get('/api/v1/beneficiaries/export.xlsx', { session: s.tongcheng })
  assertXlsx(masked, '帮扶对象')
  const rows = readXlsxRows(masked.bytes)
  assert.ok(!masked.bytes.includes(Buffer.from(ID)), 'the file does not hold the ID number')
  assert.ok(rows.some((r) => r.includes(MASKED_ID)))
  assertError(await h.get('/api/v1/beneficiaries/export.xlsx?unmask=true', { session: s.tongcheng }), 403, 'forbidden')
  const before = await personalReads(created)
  const open = await h.get('/api/v1/beneficiaries/export.xlsx?unmask=true', { session: s.admin })
  assertXlsx(open, '帮扶对象（含个人信息）')
  assert.ok(readXlsxRows(open.bytes).some((r) => r.includes(ID)))
  assert.equal(await personalReads(created), before + 1)
})

test('scope: other regions read 404 and write 403; teachers and inspectors only read', async () => {
  assertError(await h.get(`/api/v1/beneficiaries/${created}`, { session: s.huocheng }), 404, 'not_found')
  assertError(await h.get(`/api/v1/beneficiaries/${created}`, { session: s.wantou }), 404, 'not_found')
  // A teacher sees only the beneficiaries of their own aid cases: none yet.
  assert.equal(assertPage(await h.get('/api/v1/beneficiaries', { session: s.teacher1 })).total, 0)
  assertError(await h.get(`/api/v1/beneficiaries/${created}`, { session: s.teacher1 }), 404, 'not_found')
  assertError(await h.patch(`/api/v1/beneficiaries/${created}`, { grade: '五年级' }, { session: s.huocheng }), 403, 'forbidden')
  assertError(await h.patch(`/api/v1/beneficiaries/${created}`, { grade: '五年级' }, { session: s.inspector }), 403, 'forbidden')
  assertError(await h.patch(`/api/v1/beneficiaries/${created}`, { grade: '五年级' }, { session: s.teacher1 }), 403, 'forbidden')
  assertError(await h.post('/api/v1/beneficiaries', student({ id_number: '', name: '越界' }), { session: s.huocheng }), 403, 'forbidden')
  assertError(await h.post('/api/v1/beneficiaries', student({ id_number: '', institution: instId['五里镇湾头小学'] }), { session: s.shiyan }), 403, 'forbidden')
  assertError(await h.del(`/api/v1/beneficiaries/${created}`, { session: s.wantou }), 403, 'forbidden')
  // A PATCH that sends the masked values back keeps the real ones.
  const back = assertOk(await h.get(`/api/v1/beneficiaries/${created}`, { session: s.shiyan }))
  assertOk(await h.patch(`/api/v1/beneficiaries/${created}`, { ...back, grade: '五年级' }, { session: s.shiyan }))
  const now = assertOk(await h.get(`/api/v1/beneficiaries/${created}?unmask=true`, { session: s.admin }))
  assert.equal(now.id_number, ID)
  assert.equal(now.grade, '五年级')
})

test('bad input names the field in Chinese (English on request) and changes nothing', async () => {
  const bad = ID.slice(0, 17) + (ID[17] === '1' ? '2' : '1')
  const r = await h.post('/api/v1/beneficiaries', student({ id_number: bad, phone: '' }), { session: s.shiyan })
  assertError(r, 422, 'validation', ['id_number'])
  assert.match(r.json.error.fields.id_number, /校验位/)
  const en = await h.post('/api/v1/beneficiaries', student({ id_number: ID }), { session: s.shiyan, headers: { 'accept-language': 'en' } })
  assertError(en, 422, 'validation', ['id_number'])
  assert.match(en.json.error.fields.id_number, /already registered/)
  const hh = await h.post('/api/v1/beneficiaries', { kind: 'household', name: '张某', institution: instId['通城县实验小学'], annual_income: '12.345', poverty_causes: ['bad_luck'] }, { session: s.tongcheng })
  assertError(hh, 422, 'validation', ['institution', 'annual_income', 'poverty_causes'])
})

test('households belong to villages, with members, income in fen and causes of poverty', async () => {
  const village = instId['企石镇铁炉坑村']
  assert.ok(village)
  const x = assertOk(await h.post('/api/v1/beneficiaries', {
    kind: 'household', name: '测试户主', gender: 'male', institution: village, annual_income: '12,500.50',
    poverty_causes: ['illness', 'education'], measures: '介绍务工岗位',
    members: [{ name: '测试户主', relation: '户主', birth_date: '1970-05-01', labour_capacity: 'weak', health: 'chronic' },
      { name: '测试子女', relation: '子女', birth_date: '2008-09-01', labour_capacity: 'none', health: 'healthy', occupation: '在校生' }],
  }, { session: s.admin }), 201)
  assert.equal(x.annual_income_fen, 1250050)
  assert.equal(x.annual_income, '12500.50')
  assert.equal(x.members.length, 2)
  assert.equal(x.members[1].occupation, '在校生')
  const stats = assertOk(await h.get('/api/v1/beneficiaries/stats', { session: s.admin }))
  assert.ok(stats.households >= 1)
  assert.ok(stats.by_poverty_cause.find((c) => c.value === 'illness').households >= 1)
  assert.ok(stats.by_institution.some((i) => i.institution === village && i.households >= 1))
  const scoped = assertOk(await h.get('/api/v1/beneficiaries/stats', { session: s.tongcheng }))
  assert.ok(!scoped.by_institution.some((i) => i.institution === village), 'the village is outside 通城县')
  assert.equal(scoped.by_category.find((c) => c.value === 'registered_poor').students, 1)
  assertXlsx(await h.get('/api/v1/beneficiaries/stats/export.xlsx', { session: s.tongcheng }), '帮扶对象统计')
})

const CSV = { 'content-type': 'text/csv' }
const importCsv = (body, mode, session = s.tongcheng) =>
  h.post(`/api/v1/beneficiaries/import${mode ? `?mode=${mode}` : ''}`, body, { session, headers: CSV })

test('import checks ID numbers and dates: all_or_nothing imports nothing, valid_rows keeps the good rows', async () => {
  const good = idNumber('42122220130708902')
  const bad = good.slice(0, 17) + (good[17] === '3' ? '4' : '3')
  const csv = '类别,姓名,性别,出生日期,身份证号,所在单位,帮扶类别\n' +
    `学生,导入甲,男,2013-07-08,${good},通城县实验小学,建档立卡\n` +
    `学生,导入乙,女,,${bad},通城县实验小学,留守儿童\n` +
    `学生,导入丙,女,2013-02-30,,通城县实验小学,\n` +
    `学生,导入丁,男,2013-07-09,${idNumber('42122220130708903')},通城县实验小学,\n`
  const none = assertOk(await importCsv(csv))
  assert.equal(none.imported, 0)
  assert.deepEqual(none.errors.map((e) => [e.row, e.field]), [[3, 'id_number'], [4, 'birth_date'], [5, 'id_number']])
  assert.match(none.errors[0].message, /校验位/)
  assert.match(none.errors[2].message, /不一致/)
  assert.equal(assertPage(await h.get(`/api/v1/beneficiaries?q=${good}`, { session: s.admin })).total, 0)
  const some = assertOk(await importCsv(csv, 'valid_rows'))
  assert.deepEqual([some.total, some.imported, some.errors.length], [4, 1, 3])
  const found = assertPage(await h.get(`/api/v1/beneficiaries?q=${good}`, { session: s.tongcheng }))
  assert.equal(found.items[0].name, '导入甲')
  assert.deepEqual(found.items[0].categories, ['registered_poor'])
  // Read-only roles may not import at all.
  assertError(await importCsv(csv, 'valid_rows', s.inspector), 403, 'forbidden')
  const template = await h.get('/api/v1/beneficiaries/import/template.xlsx', { session: s.shiyan })
  assertXlsx(template, '帮扶对象导入模板')
  assert.ok(readXlsxRows(template.bytes)[0].includes('身份证号'))
})
