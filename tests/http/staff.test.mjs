// Staff: list (masked phones, filters, search, sort), detail (unmasked for admins and for the
// person themself, audited), create, update, delete/archive and export, with the scope of every role.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { assertError, assertOk, assertPage, assertXlsx, readXlsxRows, setup } from './harness.mjs'

let h
let s
const staffId = {} // demo staff ids by name
const instId = {} // demo institution ids by name
before(async () => {
  h = await setup()
  s = await h.loginAll(['admin', 'tongcheng', 'huocheng', 'shiyan', 'teacher1', 'inspector', 'inspector_ah'])
  const staff = assertPage(await h.get('/api/v1/staff?page_size=200', { session: s.admin }), { pageSize: 200 })
  for (const x of staff.items) staffId[x.name] = x.id
  const inst = assertPage(await h.get('/api/v1/institutions?page_size=200', { session: s.admin }), { pageSize: 200 })
  for (const x of inst.items) instId[x.name] = x.id
  for (const name of ['李家红', '张峰', '黄建国', '阿依古丽·买买提']) assert.ok(staffId[name], `demo staff ${name} missing`)
})
after(async () => {
  await h?.close()
})

const q = (text) => encodeURIComponent(text)
const MASKED = /^1\d\d\*\*\*\*\d{4}$/
const person = (extra = {}) => ({
  name: '测试老师', gender: 'female', institution: instId['通城县实验小学'], role: 'teacher', subjects: ['chinese'],
  title: 'junior', backbone: 'none', years_teaching: 3, birth_date: '1995-05-05', health: 'good', phone: '13800007777', ...extra,
})
async function readPersonalCount(staff) {
  return assertOk(await h.get(`/api/v1/audit?entity=staff&entity_id=${staff}&action=read_personal`, { session: s.admin })).total
}

test('lists mask every phone (138****xxxx) for every role', async () => {
  for (const who of ['admin', 'tongcheng', 'shiyan', 'inspector', 'teacher1']) {
    const page = assertPage(await h.get('/api/v1/staff?page_size=200', { session: s[who] }), { pageSize: 200 })
    assert.ok(page.items.length > 0, who)
    for (const x of page.items) {
      if (x.phone === '') continue
      assert.match(x.phone, MASKED, `${who} sees ${x.name}'s phone ${x.phone}`)
      assert.equal(x.phone_masked, true)
    }
  }
  const li = assertPage(await h.get(`/api/v1/staff?q=${q('李家红')}`, { session: s.tongcheng })).items[0]
  assert.equal(li.phone, '138****2003')
  const fields = ['archived', 'backbone', 'birth_date', 'created_at', 'gender', 'health', 'id', 'institution', 'institution_name',
    'name', 'phone', 'phone_masked', 'role', 'subjects', 'title', 'updated_at', 'years_teaching']
  assert.deepEqual(Object.keys(li).sort(), fields)
  assert.equal(li.institution_name, '通城县实验小学')
  assert.deepEqual(li.subjects, ['chinese'])
})

test('an admin\'s detail shows the phone in full and writes a read_personal audit entry', async () => {
  const li = staffId['李家红']
  for (const who of ['tongcheng', 'shiyan', 'admin']) {
    const before = await readPersonalCount(li)
    const x = assertOk(await h.get(`/api/v1/staff/${li}`, { session: s[who] }))
    assert.equal(x.phone, '13800002003', who)
    assert.equal(x.phone_masked, false)
    assert.equal(await readPersonalCount(li), before + 1, `${who}'s read is audited`)
    const entry = assertOk(await h.get(`/api/v1/audit?entity=staff&entity_id=${li}&action=read_personal`, { session: s.admin })).items[0]
    assert.equal(entry.username, who)
    assert.equal(entry.entity_id, String(li))
    assert.deepEqual(entry.after, { fields: ['phone'] })
  }
  // The bureau sees the read of its own admin in its audit log.
  const tc = assertOk(await h.get(`/api/v1/audit?entity=staff&entity_id=${li}&action=read_personal`, { session: s.tongcheng }))
  assert.ok(tc.items.some((e) => e.username === 'tongcheng'))
})

test('a teacher sees their own record, with their own phone unmasked (not audited), and nothing else', async () => {
  const li = staffId['李家红']
  const list = assertPage(await h.get('/api/v1/staff', { session: s.teacher1 }))
  assert.deepEqual(list.items.map((x) => x.id), [li])
  assert.equal(list.total, 1)
  const before = await readPersonalCount(li)
  const own = assertOk(await h.get(`/api/v1/staff/${li}`, { session: s.teacher1 }))
  assert.equal(own.name, '李家红')
  assert.equal(own.phone, '13800002003')
  assert.equal(own.phone_masked, false)
  assert.equal(await readPersonalCount(li), before, 'reading one\'s own record is not an audited read')
  // A colleague at the same school is out of scope.
  assertError(await h.get(`/api/v1/staff/${staffId['张峰']}`, { session: s.teacher1 }), 404, 'not_found')
  assert.equal(assertPage(await h.get(`/api/v1/staff?q=${q('张峰')}`, { session: s.teacher1 })).total, 0)
})

test('a teacher is read-only: POST, PATCH, DELETE are 403, even on their own record', async () => {
  const li = staffId['李家红']
  assertError(await h.patch(`/api/v1/staff/${li}`, { phone: '13900000000' }, { session: s.teacher1 }), 403, 'forbidden')
  assertError(await h.del(`/api/v1/staff/${li}`, { session: s.teacher1 }), 403, 'forbidden')
  assertError(await h.post('/api/v1/staff', person({ name: '教师新增' }), { session: s.teacher1 }), 403, 'forbidden')
  const x = assertOk(await h.get(`/api/v1/staff/${li}`, { session: s.teacher1 }))
  assert.equal(x.phone, '13800002003')
  assert.equal(x.archived, false)
  assert.equal(assertPage(await h.get(`/api/v1/staff?q=${q('教师新增')}`, { session: s.admin })).total, 0)
})

test('an inspector reads the staff of the region with phones masked (also in the detail, not audited), writes nothing', async () => {
  const list = assertPage(await h.get('/api/v1/staff?page_size=200', { session: s.inspector }), { pageSize: 200 })
  const tcInstitutions = new Set(['通城县教育局', '通城县实验小学', '五里镇湾头小学'])
  assert.ok(list.total >= 9)
  assert.ok(list.items.every((x) => tcInstitutions.has(x.institution_name)), list.items.map((x) => x.institution_name).join(','))
  const li = staffId['李家红']
  const before = await readPersonalCount(li)
  const x = assertOk(await h.get(`/api/v1/staff/${li}`, { session: s.inspector }))
  assert.equal(x.phone, '138****2003')
  assert.equal(x.phone_masked, true)
  assert.equal(await readPersonalCount(li), before)
  assertError(await h.get(`/api/v1/staff/${staffId['阿依古丽·买买提']}`, { session: s.inspector }), 404, 'not_found')
  assertError(await h.patch(`/api/v1/staff/${li}`, { years_teaching: 20 }, { session: s.inspector }), 403, 'forbidden')
  assertError(await h.del(`/api/v1/staff/${li}`, { session: s.inspector }), 403, 'forbidden')
  assertError(await h.post('/api/v1/staff', person({ name: '督导新增' }), { session: s.inspector }), 403, 'forbidden')
  assert.equal(assertOk(await h.get(`/api/v1/staff/${li}`, { session: s.admin })).years_teaching, 19)
  // The Anhui inspector sees 叶集, not 通城.
  const ah = assertPage(await h.get('/api/v1/staff?page_size=200', { session: s.inspector_ah }), { pageSize: 200 })
  assert.ok(ah.total > 0)
  const lu = assertPage(await h.get('/api/v1/institutions?region=341500&page_size=200', { session: s.admin }), { pageSize: 200 })
  const luIds = new Set(lu.items.map((x) => x.id))
  assert.ok(ah.items.every((x) => luIds.has(x.institution)), ah.items.map((x) => x.institution_name).join(','))
  assertError(await h.get(`/api/v1/staff/${li}`, { session: s.inspector_ah }), 404, 'not_found')
})

test('institution admin: staff of their own institution ok, others 404 (read) / 403 (write)', async () => {
  const own = instId['通城县实验小学']
  const list = assertPage(await h.get('/api/v1/staff?page_size=200', { session: s.shiyan }), { pageSize: 200 })
  assert.ok(list.total >= 5)
  assert.ok(list.items.every((x) => x.institution === own))
  const created = assertOk(await h.post('/api/v1/staff', person({ name: '实验新老师' }), { session: s.shiyan }), 201)
  assert.equal(created.institution, own)
  assert.equal(created.phone, '13800007777', 'the creator gets the record back unmasked')
  const patched = assertOk(await h.patch(`/api/v1/staff/${created.id}`, { title: 'intermediate' }, { session: s.shiyan }))
  assert.equal(patched.title, 'intermediate')

  const huang = staffId['黄建国'] // 五里镇湾头小学
  assertError(await h.get(`/api/v1/staff/${huang}`, { session: s.shiyan }), 404, 'not_found')
  assertError(await h.patch(`/api/v1/staff/${huang}`, { years_teaching: 1 }, { session: s.shiyan }), 403, 'forbidden')
  assertError(await h.del(`/api/v1/staff/${huang}`, { session: s.shiyan }), 403, 'forbidden')
  assertError(await h.post('/api/v1/staff', person({ name: '越权老师', institution: instId['五里镇湾头小学'] }), { session: s.shiyan }), 403, 'forbidden')
  // Moving their own teacher to another school is a write there: refused.
  assertError(await h.patch(`/api/v1/staff/${created.id}`, { institution: instId['五里镇湾头小学'] }, { session: s.shiyan }), 403, 'forbidden')
  assert.equal(assertOk(await h.get(`/api/v1/staff/${created.id}`, { session: s.admin })).institution, own)
  assert.equal(assertOk(await h.get(`/api/v1/staff/${huang}`, { session: s.admin })).years_teaching, 26)
  assert.equal(assertPage(await h.get(`/api/v1/staff?q=${q('越权老师')}`, { session: s.admin })).total, 0)
})

test('bureau admin of 通城 vs 霍城 staff: GET 404, PATCH 403, DELETE 403, create there 403, move there 403', async () => {
  const hc = staffId['阿依古丽·买买提']
  const original = assertOk(await h.get(`/api/v1/staff/${hc}`, { session: s.admin }))
  assertError(await h.get(`/api/v1/staff/${hc}`, { session: s.tongcheng }), 404, 'not_found')
  assertError(await h.patch(`/api/v1/staff/${hc}`, { years_teaching: 1 }, { session: s.tongcheng }), 403, 'forbidden')
  assertError(await h.del(`/api/v1/staff/${hc}`, { session: s.tongcheng }), 403, 'forbidden')
  assertError(await h.post('/api/v1/staff', person({ name: '越界老师', institution: instId['霍城县第一中学'] }), { session: s.tongcheng }), 403, 'forbidden')
  const mine = assertOk(await h.post('/api/v1/staff', person({ name: '调动老师', institution: instId['五里镇湾头小学'] }), { session: s.tongcheng }), 201)
  assertError(await h.patch(`/api/v1/staff/${mine.id}`, { institution: instId['霍城县第一中学'] }, { session: s.tongcheng }), 403, 'forbidden')
  assert.equal(assertOk(await h.get(`/api/v1/staff/${mine.id}`, { session: s.admin })).institution, instId['五里镇湾头小学'])
  // Within the county is fine.
  assert.equal(assertOk(await h.patch(`/api/v1/staff/${mine.id}`, { institution: instId['通城县实验小学'] }, { session: s.tongcheng })).institution_name, '通城县实验小学')

  const { phone_masked: _p, ...rest } = assertOk(await h.get(`/api/v1/staff/${hc}`, { session: s.admin }))
  const { phone_masked: _q, ...origRest } = original
  assert.deepEqual(rest, origRest)
  assert.equal(assertPage(await h.get(`/api/v1/staff?q=${q('越界老师')}`, { session: s.admin })).total, 0)
  const list = assertPage(await h.get(`/api/v1/staff?q=${q('阿依古丽')}`, { session: s.tongcheng }))
  assert.equal(list.total, 0)
  assert.equal(assertPage(await h.get(`/api/v1/staff?institution=${instId['霍城县第一中学']}`, { session: s.tongcheng })).total, 0)
  // 霍城's bureau sees its teacher, with the "·" intact.
  const hcList = assertPage(await h.get(`/api/v1/staff?q=${q('阿依古丽·买买提')}`, { session: s.huocheng }))
  assert.deepEqual(hcList.items.map((x) => x.name), ['阿依古丽·买买提'])
})

test('filters, sort and paging parameters', async () => {
  const exp = instId['通城县实验小学']
  const byInst = assertPage(await h.get(`/api/v1/staff?institution=${exp}&page_size=200`, { session: s.admin }), { pageSize: 200 })
  assert.ok(byInst.items.length >= 5)
  assert.ok(byInst.items.every((x) => x.institution === exp))
  const music = assertPage(await h.get('/api/v1/staff?region=421222&subject=music', { session: s.admin }))
  assert.deepEqual(music.items.map((x) => x.name).sort(), ['吴恒珍', '胡小梅'].sort())
  const principals = assertPage(await h.get('/api/v1/staff?region=421222&role=principal', { session: s.admin }))
  assert.deepEqual(principals.items.map((x) => x.name).sort(), ['李凤鸣', '黄建国'].sort())
  const women = assertPage(await h.get('/api/v1/staff?region=421222105&gender=female', { session: s.admin }))
  assert.deepEqual(women.items.map((x) => x.name), ['胡小梅'])
  const cityBackbone = assertPage(await h.get(`/api/v1/staff?institution=${exp}&backbone=city&title=senior`, { session: s.admin }))
  assert.ok(cityBackbone.items.length >= 2)
  assert.ok(cityBackbone.items.every((x) => x.backbone === 'city' && x.title === 'senior'))
  // Sorted by name in pinyin order: 陈 (chen) < 李 (li) < 吴 (wu) < 张 (zhang).
  const byName = assertPage(await h.get(`/api/v1/staff?institution=${exp}&sort=name&q=${q('')}`, { session: s.admin }))
  const demoNames = byName.items.map((x) => x.name).filter((n) => ['陈晓燕', '李家红', '吴恒珍', '张峰'].includes(n))
  assert.deepEqual(demoNames, ['陈晓燕', '李家红', '吴恒珍', '张峰'])
  const byYears = assertPage(await h.get(`/api/v1/staff?institution=${exp}&sort=-years_teaching`, { session: s.admin }))
  const years = byYears.items.map((x) => x.years_teaching)
  assert.deepEqual(years, [...years].sort((a, b) => b - a))
  // By institution name.
  assert.deepEqual(assertPage(await h.get(`/api/v1/staff?q=${q('湾头小学')}`, { session: s.admin })).items.map((x) => x.name).sort(),
    ['刘德胜', '胡小梅', '黄建国'].sort())
  assertError(await h.get('/api/v1/staff?institution=abc', { session: s.admin }), 400, 'malformed', ['institution'])
  assertError(await h.get('/api/v1/staff?school=1', { session: s.admin }), 400, 'malformed', ['school'])
  assertError(await h.get('/api/v1/staff?sort=phone', { session: s.admin }), 400, 'malformed', ['sort'])
  assertError(await h.get('/api/v1/staff?page_size=500', { session: s.admin }), 400, 'malformed', ['page_size'])
  assertError(await h.get('/api/v1/staff?archived=maybe', { session: s.admin }), 400, 'malformed', ['archived'])
})

test('create validates types, values and unknown fields', async () => {
  const post = (body) => h.post('/api/v1/staff', body, { session: s.tongcheng })
  assertError(await post({}), 422, 'validation', ['name', 'gender', 'institution'])
  assertError(await post(person({ years_teaching: 'ten' })), 422, 'validation', ['years_teaching'])
  assertError(await post(person({ subjects: 'math' })), 422, 'validation', ['subjects'])
  assertError(await post(person({ subjects: ['math', 7] })), 422, 'validation', ['subjects'])
  assertError(await post(person({ subjects: ['alchemy'] })), 422, 'validation', ['subjects'])
  assertError(await post(person({ subjects: ['math', 'math'] })), 422, 'validation', ['subjects'])
  assertError(await post(person({ institution: '通城县实验小学' })), 422, 'validation', ['institution'])
  assertError(await post(person({ institution: 999999 })), 422, 'validation', ['institution'])
  assertError(await post(person({ gender: 'x' })), 422, 'validation', ['gender'])
  assertError(await post(person({ title: 'professor' })), 422, 'validation', ['title'])
  assertError(await post(person({ birth_date: '1990-02-30' })), 422, 'validation', ['birth_date'])
  assertError(await post(person({ birth_date: '2999-01-01' })), 422, 'validation', ['birth_date'])
  assertError(await post(person({ birth_date: '2000-01-01', years_teaching: 30 })), 422, 'validation', ['years_teaching'])
  assertError(await post(person({ phone: '138-abc' })), 422, 'validation', ['phone'])
  assertError(await post(person({ name: 5 })), 422, 'validation', ['name'])
  assertError(await post(person({ id_number: '420000199001011234' })), 422, 'validation', ['id_number'])
  assertError(await h.post('/api/v1/staff', '{"name":', { session: s.tongcheng, headers: { 'content-type': 'application/json' } }), 400, 'malformed')
  assertError(await post(person({ name: '大', health: 'x'.repeat(1100000) })), 413, 'too_large')
  assert.equal(assertPage(await h.get(`/api/v1/staff?q=${q('测试老师')}`, { session: s.admin })).total, 0)
})

test('SQL metacharacters, emoji and "·" in a name are kept verbatim and found by q (% and _ literally)', async () => {
  const names = ["欧阳·测试'); DROP TABLE staff;--", '扎西卓玛🎉（藏）', '100%_满分老师']
  const ids = []
  for (const name of names) {
    const x = assertOk(await h.post('/api/v1/staff', person({ name, institution: instId['五里镇湾头小学'] }), { session: s.tongcheng }), 201)
    assert.equal(x.name, name)
    ids.push(x.id)
  }
  for (const [i, name] of names.entries()) {
    assert.equal(assertOk(await h.get(`/api/v1/staff/${ids[i]}`, { session: s.tongcheng })).name, name)
    assert.deepEqual(assertPage(await h.get(`/api/v1/staff?q=${q(name)}`, { session: s.tongcheng })).items.map((x) => x.id), [ids[i]])
  }
  assert.deepEqual(assertPage(await h.get(`/api/v1/staff?q=${q('%')}`, { session: s.admin })).items.map((x) => x.name), ['100%_满分老师'])
  assert.deepEqual(assertPage(await h.get(`/api/v1/staff?q=${q('_')}`, { session: s.admin })).items.map((x) => x.name), ['100%_满分老师'])
  assert.ok(assertPage(await h.get('/api/v1/staff', { session: s.admin })).total > 94)
})

test('PATCH changes only the given fields and is audited with before/after', async () => {
  const zhang = staffId['张峰']
  const before = assertOk(await h.get(`/api/v1/staff/${zhang}`, { session: s.tongcheng }))
  const after = assertOk(await h.patch(`/api/v1/staff/${zhang}`, { subjects: ['pe', 'music'], backbone: 'city' }, { session: s.tongcheng }))
  assert.deepEqual(after.subjects, ['pe', 'music'])
  assert.equal(after.backbone, 'city')
  const strip = ({ subjects: _a, backbone: _b, updated_at: _c, ...rest }) => rest
  assert.deepEqual(strip(after), strip(before))
  const audit = assertOk(await h.get(`/api/v1/audit?entity=staff&entity_id=${zhang}&action=update`, { session: s.tongcheng }))
  assert.equal(audit.total, 1)
  const e = audit.items[0]
  assert.equal(e.username, 'tongcheng')
  assert.deepEqual(e.before.subjects, ['pe'])
  assert.deepEqual(e.after.subjects, ['pe', 'music'])
  assert.equal(e.before.backbone, 'county')
  assert.equal(e.after.backbone, 'city')
  // Clearing the date of birth with null; invalid patches change nothing.
  assert.equal(assertOk(await h.patch(`/api/v1/staff/${zhang}`, { birth_date: null }, { session: s.tongcheng })).birth_date, null)
  assertError(await h.patch(`/api/v1/staff/${zhang}`, { years_teaching: -1 }, { session: s.tongcheng }), 422, 'validation', ['years_teaching'])
  assertError(await h.patch(`/api/v1/staff/${zhang}`, { nickname: '峰' }, { session: s.tongcheng }), 422, 'validation', ['nickname'])
  assertError(await h.patch(`/api/v1/staff/${zhang}`, { institution: 999999 }, { session: s.tongcheng }), 422, 'validation', ['institution'])
  assertError(await h.patch('/api/v1/staff/999999', { title: 'none' }, { session: s.tongcheng }), 404, 'not_found')
  const now = assertOk(await h.get(`/api/v1/staff/${zhang}`, { session: s.tongcheng }))
  assert.equal(now.years_teaching, before.years_teaching)
  assert.equal(now.institution, before.institution)
})

test('DELETE: a staff member without a user account is deleted (204); one with an account is archived', async () => {
  const x = assertOk(await h.post('/api/v1/staff', person({ name: '待删老师' }), { session: s.tongcheng }), 201)
  const del = await h.del(`/api/v1/staff/${x.id}`, { session: s.tongcheng })
  assert.equal(del.status, 204)
  assertError(await h.get(`/api/v1/staff/${x.id}`, { session: s.admin }), 404, 'not_found')
  const audit = assertOk(await h.get(`/api/v1/audit?entity=staff&entity_id=${x.id}`, { session: s.tongcheng }))
  assert.equal(audit.items[0].action, 'delete')
  assert.equal(audit.items[0].before.name, '待删老师')

  const y = assertOk(await h.post('/api/v1/staff', person({ name: '有账号老师' }), { session: s.tongcheng }), 201)
  assertOk(await h.post('/api/v1/users', {
    username: 'has_account', role: 'teacher', institution: y.institution, staff: y.id, password: 'Teacher#2026',
  }, { session: s.tongcheng }), 201)
  assert.deepEqual(assertOk(await h.del(`/api/v1/staff/${y.id}`, { session: s.tongcheng })), { archived: true })
  assert.equal(assertOk(await h.get(`/api/v1/staff/${y.id}`, { session: s.tongcheng })).archived, true)
  assert.equal(assertPage(await h.get(`/api/v1/staff?q=${q('有账号老师')}`, { session: s.tongcheng })).total, 0)
  const archived = assertPage(await h.get(`/api/v1/staff?q=${q('有账号老师')}&archived=true`, { session: s.tongcheng }))
  assert.deepEqual(archived.items.map((i) => i.id), [y.id])
})

test('export.xlsx masks phones and follows the scope', async () => {
  const list = assertPage(await h.get('/api/v1/staff?page_size=200', { session: s.tongcheng }), { pageSize: 200 })
  const res = await h.get('/api/v1/staff/export.xlsx', { session: s.tongcheng })
  assertXlsx(res, '教职工名录-')
  const rows = readXlsxRows(res.bytes)
  assert.deepEqual(rows[0], ['编号', '姓名', '性别', '所在单位编号', '所在单位', '岗位', '任教学科', '职称', '骨干级别', '教龄', '出生日期', '健康状况', '手机号'])
  assert.equal(rows.length - 1, list.total)
  assert.ok(!rows.some((r) => r.some((c) => c.includes('霍城'))))
  for (const r of rows.slice(1)) if (r[12]) assert.match(r[12], MASKED)
  const li = rows.find((r) => r[1] === '李家红')
  assert.equal(li[12], '138****2003')
  assert.equal(li[2], '女')
  assert.equal(li[6], '语文')
  const teacher = readXlsxRows((await h.get('/api/v1/staff/export.xlsx', { session: s.teacher1 })).bytes)
  assert.deepEqual(teacher.slice(1).map((r) => r[1]), ['李家红'])
  const en = await h.get('/api/v1/staff/export.xlsx?subject=music', { session: s.huocheng, headers: { 'accept-language': 'en' } })
  assertXlsx(en, 'staff-')
  assert.equal(readXlsxRows(en.bytes)[0][1], 'name')
})

test('SIGTERM shuts the server down gracefully (exit code 0)', async () => {
  const r = await h.server.stop()
  assert.deepEqual(r, { code: 0, signal: null }, h.server.output())
})
