// The audit log: admins only, scoped like the data it records, with filters, paging and export.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { assertError, assertOk, assertPage, assertXlsx, readXlsxRows, setup } from './harness.mjs'

let h
let s
const instId = {}
let wantouEntry // the audit entry of tongcheng's update of 五里镇湾头小学
let hcEntry // the audit entry of huocheng's update of 霍城县第一中学
let shiyanEntry // the audit entry of shiyan's update of 通城县实验小学
before(async () => {
  h = await setup()
  s = await h.loginAll(['admin', 'tongcheng', 'huocheng', 'shiyan', 'wantou', 'teacher1', 'inspector'])
  for (const x of assertPage(await h.get('/api/v1/institutions?page_size=200', { session: s.admin }), { pageSize: 200 }).items) instId[x.name] = x.id
  // One write in each scope.
  assertOk(await h.patch(`/api/v1/institutions/${instId['五里镇湾头小学']}`, { student_count: 190 }, { session: s.tongcheng }))
  assertOk(await h.patch(`/api/v1/institutions/${instId['霍城县第一中学']}`, { student_count: 2100 }, { session: s.huocheng }))
  assertOk(await h.patch(`/api/v1/institutions/${instId['通城县实验小学']}`, { staff_count: 140 }, { session: s.shiyan }))
  const find = async (name) =>
    assertOk(await h.get(`/api/v1/audit?entity=institution&entity_id=${instId[name]}&action=update`, { session: s.admin })).items[0]
  wantouEntry = await find('五里镇湾头小学')
  hcEntry = await find('霍城县第一中学')
  shiyanEntry = await find('通城县实验小学')
})
after(async () => {
  await h?.close()
})

const ids = (page) => page.items.map((e) => e.id)

test('entries have the documented shape, newest first, with before/after as JSON', async () => {
  const page = assertPage(await h.get('/api/v1/audit', { session: s.admin }))
  assert.ok(page.total > 20)
  for (const e of page.items) {
    assert.deepEqual(Object.keys(e).sort(), ['action', 'after', 'at', 'before', 'entity', 'entity_id', 'id', 'user', 'username'])
    assert.match(e.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    assert.equal(typeof e.entity_id, 'string')
  }
  assert.deepEqual(ids(page), [...ids(page)].sort((a, b) => b - a))
  assert.equal(wantouEntry.username, 'tongcheng')
  assert.equal(wantouEntry.user, s.tongcheng.user.id)
  assert.equal(wantouEntry.entity, 'institution')
  assert.equal(wantouEntry.after.student_count, 190)
  assert.equal(wantouEntry.before.student_count, 186)
  assert.equal(wantouEntry.before.name, '五里镇湾头小学')
  // Logins are recorded too.
  const logins = assertPage(await h.get(`/api/v1/audit?action=login&user=${s.wantou.user.id}`, { session: s.admin }))
  assert.ok(logins.total >= 1)
  assert.ok(logins.items.every((e) => e.username === 'wantou' && e.action === 'login'))
})

test('filters entity, entity_id, action, user; sort; q; paging', async () => {
  const inst = assertPage(await h.get('/api/v1/audit?entity=institution&page_size=200', { session: s.admin }), { pageSize: 200 })
  assert.ok(inst.items.every((e) => e.entity === 'institution'))
  const byUser = assertPage(await h.get(`/api/v1/audit?user=${s.huocheng.user.id}&action=update`, { session: s.admin }))
  assert.deepEqual(ids(byUser), [hcEntry.id])
  const q = assertPage(await h.get('/api/v1/audit?q=HUOCHENG&action=update', { session: s.admin }))
  assert.deepEqual(ids(q), [hcEntry.id])
  const byId = assertPage(await h.get(`/api/v1/audit?q=${instId['五里镇湾头小学']}&entity=institution`, { session: s.admin }))
  assert.ok(ids(byId).includes(wantouEntry.id))
  const asc = assertPage(await h.get('/api/v1/audit?sort=id&page_size=5', { session: s.admin }), { pageSize: 5 })
  assert.deepEqual(ids(asc), [...ids(asc)].sort((a, b) => a - b))
  const byAt = assertPage(await h.get('/api/v1/audit?sort=-at&page_size=50', { session: s.admin }), { pageSize: 50 })
  const ats = byAt.items.map((e) => e.at)
  assert.deepEqual(ats, [...ats].sort().reverse())
  const p1 = assertPage(await h.get('/api/v1/audit?page_size=7', { session: s.admin }), { pageSize: 7 })
  const p2 = assertPage(await h.get('/api/v1/audit?page_size=7&page=2', { session: s.admin }), { page: 2, pageSize: 7 })
  assert.equal(p1.items.length, 7)
  assert.ok(Math.min(...ids(p1)) > Math.max(...ids(p2)))
  assertError(await h.get('/api/v1/audit?sort=username', { session: s.admin }), 400, 'malformed', ['sort'])
  assertError(await h.get('/api/v1/audit?table=users', { session: s.admin }), 400, 'malformed', ['table'])
  assertError(await h.get('/api/v1/audit?user=tongcheng', { session: s.admin }), 400, 'malformed', ['user'])
  assertError(await h.get('/api/v1/audit?page_size=201', { session: s.admin }), 400, 'malformed', ['page_size'])
})

test('a bureau admin sees the entries of their region only', async () => {
  const tc = assertPage(await h.get('/api/v1/audit?action=update&entity=institution&page_size=200', { session: s.tongcheng }), { pageSize: 200 })
  assert.ok(ids(tc).includes(wantouEntry.id))
  assert.ok(ids(tc).includes(shiyanEntry.id), 'a write by an institution of the county is in the county\'s log')
  assert.ok(!ids(tc).includes(hcEntry.id), '霍城\'s entry leaked to 通城')
  assert.equal(assertPage(await h.get(`/api/v1/audit?entity=institution&entity_id=${instId['霍城县第一中学']}`, { session: s.tongcheng })).total, 0)
  const hc = assertPage(await h.get('/api/v1/audit?action=update&entity=institution&page_size=200', { session: s.huocheng }), { pageSize: 200 })
  assert.deepEqual(ids(hc), [hcEntry.id])
  // Even the usernames of other regions are not found.
  assert.equal(assertPage(await h.get('/api/v1/audit?q=huocheng', { session: s.tongcheng })).total, 0)
})

test('an institution admin sees the entries of their institution only', async () => {
  const own = assertPage(await h.get('/api/v1/audit?page_size=200', { session: s.shiyan }), { pageSize: 200 })
  assert.ok(ids(own).includes(shiyanEntry.id))
  assert.ok(!ids(own).includes(wantouEntry.id))
  assert.ok(!ids(own).includes(hcEntry.id))
  const wt = assertPage(await h.get('/api/v1/audit?entity=institution&page_size=200', { session: s.wantou }), { pageSize: 200 })
  assert.ok(ids(wt).includes(wantouEntry.id), 'the bureau\'s edit of 湾头 is in 湾头\'s log')
  assert.ok(!ids(wt).includes(shiyanEntry.id))
})

test('teachers and inspectors may not read the audit log (403), nor export it', async () => {
  for (const who of ['teacher1', 'inspector']) {
    assertError(await h.get('/api/v1/audit', { session: s[who] }), 403, 'forbidden')
    assertError(await h.get(`/api/v1/audit?entity=institution&entity_id=${instId['五里镇湾头小学']}`, { session: s[who] }), 403, 'forbidden')
    assertError(await h.get('/api/v1/audit/export.xlsx', { session: s[who] }), 403, 'forbidden')
  }
  assertError(await h.get('/api/v1/audit'), 401, 'unauthenticated')
})

test('the audit log cannot be written or deleted through the API', async () => {
  assertError(await h.post('/api/v1/audit', { action: 'login' }, { session: s.admin }), 405, 'method_not_allowed')
  assertError(await h.patch('/api/v1/audit', {}, { session: s.admin }), 405, 'method_not_allowed')
  assertError(await h.del(`/api/v1/audit/${wantouEntry.id}`, { session: s.admin }), 404, 'not_found')
  const still = assertPage(await h.get(`/api/v1/audit?entity=institution&entity_id=${instId['五里镇湾头小学']}&action=update`, { session: s.admin }))
  assert.deepEqual(ids(still), [wantouEntry.id])
})

test('export.xlsx of the audit log follows the scope and the filters', async () => {
  const list = assertPage(await h.get('/api/v1/audit?entity=institution&page_size=200', { session: s.tongcheng }), { pageSize: 200 })
  const res = await h.get('/api/v1/audit/export.xlsx?entity=institution', { session: s.tongcheng })
  assertXlsx(res, '审计日志-')
  const rows = readXlsxRows(res.bytes)
  assert.deepEqual(rows[0], ['编号', '时间（UTC）', '用户', '操作', '对象', '记录编号', '修改前', '修改后'])
  assert.deepEqual(rows.slice(1).map((r) => Number(r[0])), ids(list))
  assert.ok(!rows.some((r) => r.some((c) => c.includes('霍城'))), '霍城 leaked into 通城\'s audit export')
  const entry = rows.find((r) => Number(r[0]) === wantouEntry.id)
  assert.equal(entry[2], 'tongcheng')
  assert.equal(entry[3], 'update')
  assert.equal(JSON.parse(entry[7]).student_count, 190)
  const en = await h.get('/api/v1/audit/export.xlsx?action=update', { session: s.admin, headers: { 'accept-language': 'en' } })
  assertXlsx(en, 'audit-log-')
  assert.equal(readXlsxRows(en.bytes)[0][1], 'time (UTC)')
  assertError(await h.get('/api/v1/audit/export.xlsx?sort=entity', { session: s.admin }), 400, 'malformed', ['sort'])
})

test('SIGTERM shuts the server down gracefully (exit code 0)', async () => {
  const r = await h.server.stop()
  assert.deepEqual(r, { code: 0, signal: null }, h.server.output())
})
