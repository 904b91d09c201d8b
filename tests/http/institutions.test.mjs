// Institutions: list (paging, search, filters, sort), detail, create, update, delete/archive and
// export, with the data scope of every role on reads (404) and writes (403).
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { ENGINE, assertError, assertOk, assertPage, assertXlsx, readXlsxRows, setup } from './harness.mjs'

let h
let s
const id = {} // institution ids by demo name
before(async () => {
  h = await setup()
  s = await h.loginAll(['admin', 'tongcheng', 'huocheng', 'shiyan', 'teacher1', 'inspector'])
  const all = assertPage(await h.get('/api/v1/institutions?page_size=200', { session: s.admin }), { pageSize: 200 })
  for (const x of all.items) id[x.name] = x.id
  for (const name of ['通城县实验小学', '五里镇湾头小学', '通城县教育局', '霍城县第一中学', '霍城县第二中学（初中部）']) {
    assert.ok(id[name], `demo institution ${name} not found`)
  }
})
after(async () => {
  await h?.close()
})

const q = (text) => encodeURIComponent(text)
const names = (page) => page.items.map((x) => x.name)
const school = (name, extra = {}) => ({ name, kind: 'primary', locality: 'rural', region: '421222105', ...extra })

async function create(session, body) {
  return assertOk(await h.post('/api/v1/institutions', body, { session }), 201)
}

test('the list answers {items,total,page,page_size} with the documented fields', async () => {
  const page = assertPage(await h.get('/api/v1/institutions', { session: s.admin }))
  assert.equal(page.total, 66)
  assert.equal(page.items.length, 20)
  const fields = ['address', 'archived', 'contact_name', 'contact_phone', 'created_at', 'id', 'kind', 'latitude', 'locality',
    'longitude', 'name', 'region', 'region_name', 'staff_count', 'student_count', 'updated_at', 'weak']
  for (const x of page.items) assert.deepEqual(Object.keys(x).sort(), fields)
  const wantou = assertOk(await h.get(`/api/v1/institutions/${id['五里镇湾头小学']}`, { session: s.admin }))
  assert.equal(wantou.name, '五里镇湾头小学')
  assert.equal(wantou.kind, 'primary')
  assert.equal(wantou.locality, 'rural')
  assert.equal(wantou.weak, true)
  assert.equal(wantou.region, '421222105')
  assert.equal(wantou.region_name, '五里镇')
  assert.equal(wantou.archived, false)
  assert.equal(typeof wantou.latitude, 'number')
})

test('paging: pages are disjoint, total is stable, page_size is capped at 200', async () => {
  const p1 = assertPage(await h.get('/api/v1/institutions?page_size=25&sort=id', { session: s.admin }), { pageSize: 25 })
  const p2 = assertPage(await h.get('/api/v1/institutions?page_size=25&page=2&sort=id', { session: s.admin }), { page: 2, pageSize: 25 })
  const p3 = assertPage(await h.get('/api/v1/institutions?page_size=25&page=3&sort=id', { session: s.admin }), { page: 3, pageSize: 25 })
  assert.equal(p1.items.length, 25)
  assert.equal(p2.items.length, 25)
  assert.equal(p3.items.length, p1.total - 50)
  const ids = [...p1.items, ...p2.items, ...p3.items].map((x) => x.id)
  assert.equal(new Set(ids).size, p1.total)
  assert.deepEqual(ids, [...ids].sort((a, b) => a - b))
  assert.equal(p2.total, p1.total)
  assertPage(await h.get('/api/v1/institutions?page_size=200', { session: s.admin }), { pageSize: 200 })
  assertError(await h.get('/api/v1/institutions?page_size=201', { session: s.admin }), 400, 'malformed', ['page_size'])
  assertError(await h.get('/api/v1/institutions?page_size=-1', { session: s.admin }), 400, 'malformed', ['page_size'])
  assertError(await h.get('/api/v1/institutions?page=0', { session: s.admin }), 400, 'malformed', ['page'])
  assertError(await h.get('/api/v1/institutions?page=1.5', { session: s.admin }), 400, 'malformed', ['page'])
})

test('unknown sort fields and unknown filters are 400 naming them; bad filter values too', async () => {
  assertError(await h.get('/api/v1/institutions?sort=principal', { session: s.admin }), 400, 'malformed', ['sort'])
  assertError(await h.get('/api/v1/institutions?sort=-', { session: s.admin }), 400, 'malformed', ['sort'])
  assertError(await h.get('/api/v1/institutions?sort=' + q('name;DROP TABLE institutions'), { session: s.admin }), 400, 'malformed', ['sort'])
  assertError(await h.get('/api/v1/institutions?city=421200', { session: s.admin }), 400, 'malformed', ['city'])
  assertError(await h.get('/api/v1/institutions?weak=maybe', { session: s.admin }), 400, 'malformed', ['weak'])
  assertError(await h.get('/api/v1/institutions?archived=all', { session: s.admin }), 400, 'malformed', ['archived'])
})

test('filters: region (with its subtree), kind, locality, weak', async () => {
  const tc = assertPage(await h.get('/api/v1/institutions?region=421222&page_size=200', { session: s.admin }), { pageSize: 200 })
  assert.deepEqual(names(tc).sort(), ['五里镇湾头小学', '通城县实验小学', '通城县教育局'].sort())
  const township = assertPage(await h.get('/api/v1/institutions?region=421222105', { session: s.admin }))
  assert.deepEqual(names(township), ['五里镇湾头小学'])
  const weak = assertPage(await h.get('/api/v1/institutions?region=421222&weak=true', { session: s.admin }))
  assert.deepEqual(names(weak), ['五里镇湾头小学'])
  const notWeak = assertPage(await h.get('/api/v1/institutions?region=421222&weak=false', { session: s.admin }))
  assert.deepEqual(names(notWeak).sort(), ['通城县实验小学', '通城县教育局'].sort())
  const bureaus = assertPage(await h.get('/api/v1/institutions?kind=bureau&page_size=200', { session: s.admin }), { pageSize: 200 })
  assert.ok(bureaus.total >= 6)
  assert.ok(bureaus.items.every((x) => x.kind === 'bureau'))
  const rural = assertPage(await h.get('/api/v1/institutions?locality=rural&region=654023', { session: s.admin }))
  assert.ok(rural.total >= 1)
  assert.ok(rural.items.every((x) => x.locality === 'rural' && x.region.startsWith('654023')))
  // An empty filter value means "any".
  assert.equal(assertPage(await h.get('/api/v1/institutions?kind=&weak=', { session: s.admin })).total, 66)
})

test('sort by name follows pinyin (安 < 北 < 测), descending with -name', async () => {
  for (const name of ['测绘拼序小学', '安居拼序小学', '北岭拼序小学']) await create(s.tongcheng, school(name))
  const asc = assertPage(await h.get(`/api/v1/institutions?q=${q('拼序')}&sort=name`, { session: s.tongcheng }))
  assert.deepEqual(names(asc), ['安居拼序小学', '北岭拼序小学', '测绘拼序小学'])
  const desc = assertPage(await h.get(`/api/v1/institutions?q=${q('拼序')}&sort=-name`, { session: s.tongcheng }))
  assert.deepEqual(names(desc), ['测绘拼序小学', '北岭拼序小学', '安居拼序小学'])
  // The default order is by name as well.
  const dflt = assertPage(await h.get(`/api/v1/institutions?q=${q('拼序')}`, { session: s.tongcheng }))
  assert.deepEqual(names(dflt), names(asc))
  const byStudents = assertPage(await h.get('/api/v1/institutions?region=421222&sort=-student_count', { session: s.tongcheng }))
  const counts = byStudents.items.map((x) => x.student_count)
  assert.deepEqual(counts, [...counts].sort((a, b) => b - a))
})

test('SQL metacharacters and Chinese text are stored and returned verbatim, and found by q', async () => {
  const tricky = [
    "测试'; DROP TABLE institutions;--",
    '"引号"学校 O\'Brien\\分校',
    '通城县第三中学（初中部）·分校🎉',
    '阿依古丽·买买提纪念小学',
    '100%_达标小学',
    '<script>alert("x")</script>小学',
  ]
  const created = {}
  for (const name of tricky) {
    const x = await create(s.tongcheng, school(name, { address: `${name}·地址`, contact_name: '欧阳·琳' }))
    assert.equal(x.name, name)
    created[name] = x.id
  }
  for (const name of tricky) {
    const x = assertOk(await h.get(`/api/v1/institutions/${created[name]}`, { session: s.tongcheng }))
    assert.equal(x.name, name)
    assert.equal(x.address, `${name}·地址`)
    assert.equal(x.contact_name, '欧阳·琳')
    const found = assertPage(await h.get(`/api/v1/institutions?q=${q(name)}`, { session: s.tongcheng }))
    assert.deepEqual(names(found), [name], `q=${name}`)
  }
  // The table is still there, with everything in it.
  assert.equal(assertPage(await h.get('/api/v1/institutions', { session: s.admin })).total >= 66 + tricky.length, true)
  // % and _ match literally, not as LIKE wildcards.
  assert.deepEqual(names(assertPage(await h.get(`/api/v1/institutions?q=${q('%')}`, { session: s.admin }))), ['100%_达标小学'])
  assert.deepEqual(names(assertPage(await h.get(`/api/v1/institutions?q=${q('_')}`, { session: s.admin }))), ['100%_达标小学'])
  assert.deepEqual(names(assertPage(await h.get(`/api/v1/institutions?q=${q('0%_达')}`, { session: s.admin }))), ['100%_达标小学'])
  assert.equal(assertPage(await h.get(`/api/v1/institutions?q=${q('1_0')}`, { session: s.admin })).total, 0)
  assert.deepEqual(names(assertPage(await h.get(`/api/v1/institutions?q=${q("'; DROP")}`, { session: s.admin }))),
    ["测试'; DROP TABLE institutions;--"])
  assert.deepEqual(names(assertPage(await h.get(`/api/v1/institutions?q=${q('\\分')}`, { session: s.admin }))),
    ['"引号"学校 O\'Brien\\分校'])
  // ASCII search is case-insensitive.
  assert.deepEqual(names(assertPage(await h.get(`/api/v1/institutions?q=${q("o'brien")}`, { session: s.admin }))),
    ['"引号"学校 O\'Brien\\分校'])
  // The address is searched as well.
  assert.deepEqual(names(assertPage(await h.get(`/api/v1/institutions?q=${q('湾头村')}`, { session: s.admin }))), ['五里镇湾头小学'])
})

test('q search finds names with non-ASCII capitals (full-width Ｌａｔｉｎ, Roman numerals) as typed', async () => {
  const x = await create(s.tongcheng, school('第Ⅱ实验小学ＸＹＺ'))
  for (const text of ['Ⅱ', 'ＸＹＺ', '第Ⅱ实验小学ＸＹＺ']) {
    const found = assertPage(await h.get(`/api/v1/institutions?q=${q(text)}`, { session: s.tongcheng }))
    assert.deepEqual(found.items.map((i) => i.id), [x.id], `q=${text}`)
  }
})

test('invalid UTF-8 in a query parameter or path segment is a client error (400/404), never a 500', async () => {
  const path = await h.get('/api/v1/regions/%FF%FE', { session: s.tongcheng })
  assert.ok(path.status === 404 || path.status === 400, `GET /api/v1/regions/%FF%FE: ${path.status} ${path.text}`)
  assertError(await h.get('/api/v1/institutions?q=%FF', { session: s.tongcheng }), 400, 'malformed', ['q'])
  assertError(await h.get('/api/v1/institutions?kind=%C3%28', { session: s.tongcheng }), 400, 'malformed', ['kind'])
})

test('a NUL character in a text field is refused (422), or kept verbatim without breaking the export', async () => {
  const name = 'NUL\u0000测试小学'
  const res = await h.post('/api/v1/institutions', school(name), { session: s.tongcheng })
  try {
    if (res.status === 422) {
      assertError(res, 422, 'validation', ['name'])
    } else {
      assert.equal(assertOk(res, 201).name, name)
      assert.equal(assertOk(await h.get(`/api/v1/institutions/${res.json.id}`, { session: s.tongcheng })).name, name)
      assertXlsx(await h.get('/api/v1/institutions/export.xlsx', { session: s.tongcheng }))
    }
  } finally {
    if (res.status === 201) await h.del(`/api/v1/institutions/${res.json.id}`, { session: s.tongcheng })
  }
})

test('create validates types, values and unknown fields (422 naming each field)', async () => {
  const post = (body) => h.post('/api/v1/institutions', body, { session: s.tongcheng })
  assertError(await post({}), 422, 'validation', ['name', 'kind', 'locality', 'region'])
  assertError(await post(school('类型错', { student_count: 'many' })), 422, 'validation', ['student_count'])
  assertError(await post(school('类型错', { student_count: 1.5 })), 422, 'validation', ['student_count'])
  assertError(await post(school('类型错', { weak: 'yes' })), 422, 'validation', ['weak'])
  assertError(await post(school('类型错', { latitude: 'north', longitude: 113 })), 422, 'validation', ['latitude'])
  assertError(await post({ ...school('x'), name: 123 }), 422, 'validation', ['name'])
  assertError(await post(school('类型错', { kind: 'castle' })), 422, 'validation', ['kind'])
  assertError(await post(school('类型错', { locality: 'suburb' })), 422, 'validation', ['locality'])
  assertError(await post(school('类型错', { region: '421222999' })), 422, 'validation', ['region'])
  assertError(await post(school('类型错', { latitude: 29.2 })), 422, 'validation', ['longitude'])
  assertError(await post(school('类型错', { latitude: 95, longitude: 113 })), 422, 'validation', ['latitude'])
  assertError(await post(school('类型错', { student_count: -1 })), 422, 'validation', ['student_count'])
  assertError(await post(school('类型错', { contact_phone: 'call me' })), 422, 'validation', ['contact_phone'])
  assertError(await post(school('名'.repeat(101))), 422, 'validation', ['name'])
  const unknown = await post(school('未知字段小学', { principal: '李凤鸣', motto: 1 }))
  assertError(unknown, 422, 'validation', ['principal', 'motto'])
  assertError(await post(school('五里镇湾头小学')), 409, 'conflict')
  assertError(await h.post('/api/v1/institutions', '{"name": "x", }', { session: s.tongcheng, headers: { 'content-type': 'application/json' } }), 400, 'malformed')
  assertError(await h.post('/api/v1/institutions', 'null', { session: s.tongcheng, headers: { 'content-type': 'application/json' } }), 400, 'malformed')
  const big = await post(school('大小学', { address: '地'.repeat(400 * 1024) })) // > 1 MiB of UTF-8
  assertError(big, 413, 'too_large')
  for (const name of ['类型错', '未知字段小学', '大小学']) {
    assert.equal(assertPage(await h.get(`/api/v1/institutions?q=${q(name)}`, { session: s.admin })).total, 0)
  }
})

test('create: a bureau admin creates in their subtree; read-only fields sent back are ignored', async () => {
  const x = await create(s.tongcheng, school('新建回写小学', {
    id: 999999, archived: true, created_at: '2000-01-01T00:00:00Z', region_name: '别处', weak: true,
    latitude: 29.21, longitude: 113.79, student_count: 120, staff_count: 11, contact_name: '王老师', contact_phone: '0715-1234567',
  }))
  assert.notEqual(x.id, 999999)
  assert.equal(x.archived, false)
  assert.equal(x.region_name, '五里镇')
  assert.notEqual(x.created_at, '2000-01-01T00:00:00Z')
  assert.equal(x.weak, true)
  assert.equal(x.latitude, 29.21)
  assert.equal(x.student_count, 120)
  assert.equal(x.contact_phone, '0715-1234567')
  assert.deepEqual(assertOk(await h.get(`/api/v1/institutions/${x.id}`, { session: s.tongcheng })), x)
  const audit = assertOk(await h.get(`/api/v1/audit?entity=institution&entity_id=${x.id}`, { session: s.tongcheng }))
  assert.equal(audit.items[0].action, 'create')
  assert.equal(audit.items[0].before, null)
  assert.equal(audit.items[0].after.name, '新建回写小学')
})

test('PATCH changes only the given fields and is audited with before/after', async () => {
  const wid = id['五里镇湾头小学']
  const before = assertOk(await h.get(`/api/v1/institutions/${wid}`, { session: s.tongcheng }))
  const res = await h.patch(`/api/v1/institutions/${wid}`, { student_count: before.student_count + 7, contact_name: '黄建国校长' }, { session: s.tongcheng })
  const after = assertOk(res)
  assert.equal(after.student_count, before.student_count + 7)
  assert.equal(after.contact_name, '黄建国校长')
  const { student_count: _a, contact_name: _b, updated_at: _c, ...restAfter } = after
  const { student_count: _d, contact_name: _e, updated_at: _f, ...restBefore } = before
  assert.deepEqual(restAfter, restBefore, 'fields not sent must not change')
  assert.deepEqual(assertOk(await h.get(`/api/v1/institutions/${wid}`, { session: s.admin })), after)

  const audit = assertOk(await h.get(`/api/v1/audit?entity=institution&entity_id=${wid}`, { session: s.tongcheng }))
  const entry = audit.items[0]
  assert.equal(entry.action, 'update')
  assert.equal(entry.username, 'tongcheng')
  assert.equal(entry.entity, 'institution')
  assert.equal(entry.entity_id, String(wid))
  assert.equal(entry.before.student_count, before.student_count)
  assert.equal(entry.after.student_count, before.student_count + 7)
  assert.equal(entry.before.contact_name, before.contact_name)
  assert.equal(entry.after.contact_name, '黄建国校长')
  assert.equal(entry.after.name, '五里镇湾头小学')

  // An invalid PATCH changes nothing and leaves no audit entry.
  assertError(await h.patch(`/api/v1/institutions/${wid}`, { student_count: 'lots' }, { session: s.tongcheng }), 422, 'validation', ['student_count'])
  assertError(await h.patch(`/api/v1/institutions/${wid}`, { name: '' }, { session: s.tongcheng }), 422, 'validation', ['name'])
  assertError(await h.patch(`/api/v1/institutions/${wid}`, { headmaster: 'x' }, { session: s.tongcheng }), 422, 'validation', ['headmaster'])
  assertError(await h.patch(`/api/v1/institutions/${wid}`, { name: '通城县实验小学', region: '421222100' }, { session: s.tongcheng }), 409, 'conflict')
  assertError(await h.patch(`/api/v1/institutions/${wid}`, '{', { session: s.tongcheng, headers: { 'content-type': 'application/json' } }), 400, 'malformed')
  assert.deepEqual(assertOk(await h.get(`/api/v1/institutions/${wid}`, { session: s.admin })), after)
  assert.equal(assertOk(await h.get(`/api/v1/audit?entity=institution&entity_id=${wid}`, { session: s.admin })).total, audit.total)
  assertError(await h.patch('/api/v1/institutions/999999', { student_count: 1 }, { session: s.tongcheng }), 404, 'not_found')
  assertError(await h.patch('/api/v1/institutions/abc', { student_count: 1 }, { session: s.tongcheng }), 404, 'not_found')
})

test('bureau admin of 通城 vs 霍城: GET 404, PATCH 403, DELETE 403, create there 403, move there 403', async () => {
  const hc = id['霍城县第一中学']
  const original = assertOk(await h.get(`/api/v1/institutions/${hc}`, { session: s.admin }))
  assertError(await h.get(`/api/v1/institutions/${hc}`, { session: s.tongcheng }), 404, 'not_found')
  assertError(await h.patch(`/api/v1/institutions/${hc}`, { student_count: 1 }, { session: s.tongcheng }), 403, 'forbidden')
  assertError(await h.del(`/api/v1/institutions/${hc}`, { session: s.tongcheng }), 403, 'forbidden')
  assert.deepEqual(assertOk(await h.get(`/api/v1/institutions/${hc}`, { session: s.admin })), original)

  assertError(await h.post('/api/v1/institutions', school('越权新建小学', { region: '654023100' }), { session: s.tongcheng }), 403, 'forbidden')
  assert.equal(assertPage(await h.get(`/api/v1/institutions?q=${q('越权新建')}`, { session: s.admin })).total, 0)

  const mover = await create(s.tongcheng, school('搬家小学'))
  assertError(await h.patch(`/api/v1/institutions/${mover.id}`, { region: '654023100' }, { session: s.tongcheng }), 403, 'forbidden')
  assert.equal(assertOk(await h.get(`/api/v1/institutions/${mover.id}`, { session: s.admin })).region, '421222105')
  // Moving within the subtree is fine.
  assert.equal(assertOk(await h.patch(`/api/v1/institutions/${mover.id}`, { region: '421222100' }, { session: s.tongcheng })).region_name, '隽水镇')

  // The list and the search never show 霍城.
  const list = assertPage(await h.get('/api/v1/institutions?page_size=200', { session: s.tongcheng }), { pageSize: 200 })
  assert.ok(list.items.every((x) => x.region.startsWith('421222')), names(list).join(','))
  assert.equal(assertPage(await h.get(`/api/v1/institutions?q=${q('霍城')}`, { session: s.tongcheng })).total, 0)
  assert.equal(assertPage(await h.get('/api/v1/institutions?region=654023', { session: s.tongcheng })).total, 0)
  // 霍城's own bureau admin may.
  assert.equal(assertOk(await h.get(`/api/v1/institutions/${hc}`, { session: s.huocheng })).name, '霍城县第一中学')
})

test('institution admin: own institution readable and editable, others 404/403, no creating or deleting', async () => {
  const own = id['通城县实验小学']
  const other = id['五里镇湾头小学']
  const list = assertPage(await h.get('/api/v1/institutions', { session: s.shiyan }))
  assert.deepEqual(list.items.map((x) => x.id), [own])
  assert.equal(list.total, 1)
  const patched = assertOk(await h.patch(`/api/v1/institutions/${own}`, { contact_phone: '0715-4321000', student_count: 2650 }, { session: s.shiyan }))
  assert.equal(patched.contact_phone, '0715-4321000')
  assert.equal(patched.student_count, 2650)
  assert.equal(patched.name, '通城县实验小学')
  // Cannot move itself to another region, even within the county.
  assertError(await h.patch(`/api/v1/institutions/${own}`, { region: '421222105' }, { session: s.shiyan }), 403, 'forbidden')
  assertError(await h.get(`/api/v1/institutions/${other}`, { session: s.shiyan }), 404, 'not_found')
  assertError(await h.patch(`/api/v1/institutions/${other}`, { student_count: 1 }, { session: s.shiyan }), 403, 'forbidden')
  assertError(await h.del(`/api/v1/institutions/${other}`, { session: s.shiyan }), 403, 'forbidden')
  assertError(await h.del(`/api/v1/institutions/${own}`, { session: s.shiyan }), 403, 'forbidden')
  assertError(await h.post('/api/v1/institutions', school('单位管理员新建小学'), { session: s.shiyan }), 403, 'forbidden')
  assert.equal(assertPage(await h.get(`/api/v1/institutions?q=${q('单位管理员新建')}`, { session: s.admin })).total, 0)
  const check = assertOk(await h.get(`/api/v1/institutions/${own}`, { session: s.admin }))
  assert.equal(check.region, '421222100')
  assert.equal(check.archived, false)
})

test('teacher: sees their own institution only and writes nothing (403)', async () => {
  const own = id['通城县实验小学']
  const list = assertPage(await h.get('/api/v1/institutions', { session: s.teacher1 }))
  assert.deepEqual(list.items.map((x) => x.id), [own])
  assertOk(await h.get(`/api/v1/institutions/${own}`, { session: s.teacher1 }))
  assertError(await h.get(`/api/v1/institutions/${id['五里镇湾头小学']}`, { session: s.teacher1 }), 404, 'not_found')
  assertError(await h.patch(`/api/v1/institutions/${own}`, { student_count: 1 }, { session: s.teacher1 }), 403, 'forbidden')
  assertError(await h.del(`/api/v1/institutions/${own}`, { session: s.teacher1 }), 403, 'forbidden')
  assertError(await h.post('/api/v1/institutions', school('教师新建小学'), { session: s.teacher1 }), 403, 'forbidden')
  assert.notEqual(assertOk(await h.get(`/api/v1/institutions/${own}`, { session: s.admin })).student_count, 1)
})

test('inspector: reads the whole region, writes nothing (403)', async () => {
  const list = assertPage(await h.get('/api/v1/institutions?page_size=200', { session: s.inspector }), { pageSize: 200 })
  assert.ok(list.total >= 3)
  assert.ok(list.items.every((x) => x.region.startsWith('421222')))
  assert.ok(names(list).includes('五里镇湾头小学'))
  const wid = id['五里镇湾头小学']
  assertOk(await h.get(`/api/v1/institutions/${wid}`, { session: s.inspector }))
  assertError(await h.get(`/api/v1/institutions/${id['霍城县第一中学']}`, { session: s.inspector }), 404, 'not_found')
  assertError(await h.patch(`/api/v1/institutions/${wid}`, { student_count: 1 }, { session: s.inspector }), 403, 'forbidden')
  assertError(await h.del(`/api/v1/institutions/${wid}`, { session: s.inspector }), 403, 'forbidden')
  assertError(await h.post('/api/v1/institutions', school('督导新建小学'), { session: s.inspector }), 403, 'forbidden')
  assert.notEqual(assertOk(await h.get(`/api/v1/institutions/${wid}`, { session: s.admin })).student_count, 1)
  assert.equal(assertPage(await h.get(`/api/v1/institutions?q=${q('督导新建')}`, { session: s.admin })).total, 0)
})

test('DELETE of an institution with staff archives it; without references it is deleted (204)', async () => {
  const x = await create(s.tongcheng, school('待归档小学'))
  assertOk(await h.post('/api/v1/staff', { name: '归档老师', gender: 'female', institution: x.id, role: 'teacher', title: 'none', backbone: 'none', health: 'good' },
    { session: s.tongcheng }), 201)
  const res = await h.del(`/api/v1/institutions/${x.id}`, { session: s.tongcheng })
  assert.deepEqual(assertOk(res), { archived: true })
  const archived = assertOk(await h.get(`/api/v1/institutions/${x.id}`, { session: s.tongcheng }))
  assert.equal(archived.archived, true)
  assert.equal(assertPage(await h.get(`/api/v1/institutions?q=${q('待归档')}`, { session: s.tongcheng })).total, 0)
  assert.equal(assertPage(await h.get(`/api/v1/institutions?q=${q('待归档')}&archived=false`, { session: s.tongcheng })).total, 0)
  const shown = assertPage(await h.get(`/api/v1/institutions?q=${q('待归档')}&archived=true`, { session: s.tongcheng }))
  assert.deepEqual(shown.items.map((i) => [i.id, i.archived]), [[x.id, true]])
  const audit = assertOk(await h.get(`/api/v1/audit?entity=institution&entity_id=${x.id}`, { session: s.tongcheng }))
  assert.equal(audit.items[0].action, 'archive')
  assert.equal(audit.items[0].before.archived, false)
  assert.equal(audit.items[0].after.archived, true)

  const y = await create(s.tongcheng, school('待删除小学'))
  const del = await h.del(`/api/v1/institutions/${y.id}`, { session: s.tongcheng })
  assert.equal(del.status, 204)
  assert.equal(del.text, '')
  assertError(await h.get(`/api/v1/institutions/${y.id}`, { session: s.admin }), 404, 'not_found')
  assert.equal(assertPage(await h.get(`/api/v1/institutions?q=${q('待删除')}&archived=true`, { session: s.admin })).total, 0)
  const yAudit = assertOk(await h.get(`/api/v1/audit?entity=institution&entity_id=${y.id}`, { session: s.tongcheng }))
  assert.equal(yAudit.items[0].action, 'delete')
  assert.equal(yAudit.items[0].before.name, '待删除小学')
  assert.equal(yAudit.items[0].after, null)
  assertError(await h.del(`/api/v1/institutions/${y.id}`, { session: s.tongcheng }), 404, 'not_found')
})

test('export.xlsx follows the scope: the 通城 bureau\'s file has no 霍城 school', async () => {
  const list = assertPage(await h.get('/api/v1/institutions?page_size=200', { session: s.tongcheng }), { pageSize: 200 })
  const res = await h.get('/api/v1/institutions/export.xlsx', { session: s.tongcheng })
  assertXlsx(res, '单位名录-')
  const rows = readXlsxRows(res.bytes)
  assert.deepEqual(rows[0].slice(0, 6), ['编号', '名称', '类型', '城乡类别', '薄弱学校', '行政区划代码'])
  assert.equal(rows.length - 1, list.total)
  assert.deepEqual(rows.slice(1).map((r) => r[1]).sort(), names(list).sort())
  assert.ok(rows.slice(1).every((r) => r[5].startsWith('421222')))
  assert.ok(!rows.some((r) => r.some((c) => c.includes('霍城'))), 'a 霍城 school leaked into the export')
  const wantou = rows.find((r) => r[1] === '五里镇湾头小学')
  assert.equal(wantou[2], '小学')
  assert.equal(wantou[3], '乡村')
  assert.equal(wantou[4], '是')
  // The same filters as the list.
  const weakList = assertPage(await h.get('/api/v1/institutions?weak=true', { session: s.tongcheng }))
  assert.ok(names(weakList).includes('五里镇湾头小学'))
  const weak = readXlsxRows((await h.get('/api/v1/institutions/export.xlsx?weak=true', { session: s.tongcheng })).bytes)
  assert.deepEqual(weak.slice(1).map((r) => r[1]), names(weakList))
  assert.ok(weak.slice(1).every((r) => r[4] === '是'))
  const en = await h.get('/api/v1/institutions/export.xlsx?region=654023', { session: s.admin, headers: { 'accept-language': 'en' } })
  assertXlsx(en, 'institutions-')
  const enRows = readXlsxRows(en.bytes)
  assert.equal(enRows[0][1], 'name')
  assert.ok(enRows.length > 1)
  assert.ok(enRows.slice(1).every((r) => r[5].startsWith('654023')))
  // The institution-level roles export their own institution only.
  const own = readXlsxRows((await h.get('/api/v1/institutions/export.xlsx', { session: s.teacher1 })).bytes)
  assert.deepEqual(own.slice(1).map((r) => r[1]), ['通城县实验小学'])
  assertError(await h.get('/api/v1/institutions/export.xlsx?colour=red', { session: s.admin }), 400, 'malformed', ['colour'])
})

test('the directory lets a bureau find a partner school of another region, with public fields only', async () => {
  // 通城's bureau cannot read 霍城's schools in the registry ...
  const scoped = assertOk(await h.get(`/api/v1/institutions?q=${encodeURIComponent('霍城县第一中学')}`, { session: s.tongcheng }))
  assert.equal(scoped.total, 0)
  // ... but finds them in the directory, to pair across regions.
  const page = assertOk(await h.get(`/api/v1/institutions/directory?q=${encodeURIComponent('霍城县第一中学')}`, { session: s.tongcheng }))
  assert.equal(page.total, 1)
  const school = page.items[0]
  assert.deepEqual(Object.keys(school).sort(), ['id', 'kind', 'locality', 'name', 'region', 'region_name', 'weak'])
  assert.ok(school.region.startsWith('654023'), school.region)
  const byId = assertOk(await h.get(`/api/v1/institutions/directory?id=${school.id}`, { session: s.huocheng }))
  assert.equal(byId.items[0].name, '霍城县第一中学')
  // Schools, teachers and inspectors do not pair institutions: refused.
  for (const who of ['shiyan', 'teacher1', 'inspector']) {
    assertError(await h.get('/api/v1/institutions/directory', { session: s[who] }), 403, 'forbidden')
  }
  assertError(await h.get('/api/v1/institutions/directory?colour=red', { session: s.admin }), 400, 'malformed')
})

test('SIGTERM shuts the server down gracefully (exit code 0)', async () => {
  const r = await h.server.stop()
  assert.deepEqual(r, { code: 0, signal: null }, h.server.output())
})
