// Activities: record, read, filter, update, delete, export, statistics and attachments, with the
// scope of every role. Programs and pairings are created through their own API first (the demo
// has none).
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { assertError, assertOk, assertPage, assertXlsx, readXlsxRows, setup } from './harness.mjs'

let h
let s
const staffId = {}
const instId = {}
let tcProgram, tcPairing, hcProgram, hcPairing, hcActivity

// A valid 1×1 grey PNG, and the start of a Windows executable.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108000000003a7e9b550000000a49444154789c636800000082008177cd72b6' +
  '0000000049454e44ae426082', 'hex')
const EXE = Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000', 'hex'), Buffer.alloc(200)])

before(async () => {
  h = await setup()
  s = await h.loginAll(['admin', 'tongcheng', 'huocheng', 'shiyan', 'wantou', 'huocheng2z', 'teacher1', 'inspector'])
  for (const x of assertPage(await h.get('/api/v1/staff?page_size=200', { session: s.admin }), { pageSize: 200 }).items) staffId[x.name] = x.id
  for (const x of assertPage(await h.get('/api/v1/institutions?page_size=200', { session: s.admin }), { pageSize: 200 }).items) instId[x.name] = x.id
  // The demo may already hold these pairings (the seeds' work); otherwise they are created.
  ;({ program: tcProgram, pairing: tcPairing } = await pairingOf(s.tongcheng, '421222', '通城县实验小学', '五里镇湾头小学', 'teachers'))
  ;({ program: hcProgram, pairing: hcPairing } = await pairingOf(s.huocheng, '654023', '霍城县第一中学', '霍城县第二中学（初中部）', 'teaching_research'))
  hcActivity = assertOk(await h.post('/api/v1/activities', {
    program: hcProgram, pairing: hcPairing, type: 'lecture', start_date: '2026-10-20', end_date: '2026-10-20',
    host_institution: instId['霍城县第二中学（初中部）'], visiting_institution: instId['霍城县第一中学'], teachers_count: 12,
  }, { session: s.huocheng }), 201)
})
after(async () => {
  await h?.close()
})

// The active pairing of supporter → recipient (and its program), created when missing.
async function pairingOf(session, region, supporter, recipient, dimension) {
  const all = assertPage(await h.get('/api/v1/pairings?page_size=200', { session: s.admin }), { pageSize: 200 }).items
  const found = all.find((p) => p.supporter === instId[supporter] && p.recipient === instId[recipient] && p.status === 'active')
  if (found) return { program: found.program, pairing: found.id }
  const program = assertOk(await h.post('/api/v1/programs', {
    name: `${supporter}结对帮扶（测试）`, kind: 'urban_rural_school', region, start_date: '2026-09-01', status: 'active',
  }, { session }), 201).id
  const pairing = assertOk(await h.post('/api/v1/pairings', {
    program, supporter: instId[supporter], recipient: instId[recipient], dimensions: [dimension], start_date: '2026-09-01', status: 'active',
  }, { session }), 201).id
  return { program, pairing }
}

const visit = (extra = {}) => ({
  program: tcProgram, pairing: tcPairing, type: 'teacher_visit', start_date: '2026-11-04', end_date: '2026-11-04',
  host_institution: instId['五里镇湾头小学'], visiting_institution: instId['通城县实验小学'],
  leaders_count: 1, teachers_count: 4, topic: '送教下乡', content: '三节示范课与评课',
  participants: [{ staff: staffId['李家红'], role: '授课教师' }, { staff: staffId['张峰'] }], ...extra,
})
const demoClass = (extra = {}) => visit({
  type: 'demonstration_class', teacher: staffId['李家红'], subject: 'chinese', topic: '《秋天的雨》', audience_size: 38,
  students_count: 36, participants: [], ...extra,
})

test('an institution admin of the supporter records a visit; the detail has names, labels and participants', async () => {
  const x = assertOk(await h.post('/api/v1/activities', visit(), { session: s.shiyan }), 201)
  assert.equal(x.type_label, '教师互访')
  assert.equal(x.pairing_label, '通城县实验小学 → 五里镇湾头小学')
  assert.ok(x.program_name.length > 0)
  assert.equal(x.program, tcProgram)
  assert.equal(x.host_name, '五里镇湾头小学')
  assert.equal(x.visiting_name, '通城县实验小学')
  assert.equal(x.person_times, 5)
  assert.deepEqual(x.participants.map((p) => [p.name, p.role]).sort(), [['张峰', ''], ['李家红', '授课教师']])
  assert.deepEqual(x.attachments, [])
  const got = assertOk(await h.get(`/api/v1/activities/${x.id}`, { session: s.teacher1 }))
  assert.equal(got.topic, '送教下乡')
  const en = assertOk(await h.get(`/api/v1/activities/${x.id}`, { session: s.wantou, headers: { 'accept-language': 'en' } }))
  assert.equal(en.type_label, 'Teacher visit')
  // the recipient's admin may record too
  assertOk(await h.post('/api/v1/activities', visit({ type: 'leader_visit', participants: [] }), { session: s.wantou }), 201)
})

test('a demonstration class needs teacher, subject and topic; every bad field is named', async () => {
  let res = await h.post('/api/v1/activities', demoClass({ teacher: null, subject: '', topic: '' }), { session: s.shiyan })
  assertError(res, 422, 'validation', ['teacher', 'subject', 'topic'])
  assert.equal(res.json.error.fields.teacher, '授课教师不能为空（示范课、公开课须填写）')
  res = await h.post('/api/v1/activities', visit({
    end_date: '2026-11-01', students_count: -1, topic: 'x'.repeat(201), content: '字'.repeat(5001), colour: 'red',
    type: 'karaoke',
  }), { session: s.shiyan })
  assertError(res, 422, 'validation', ['end_date', 'students_count', 'topic', 'content', 'colour', 'type'])
  res = await h.post('/api/v1/activities', visit({ visiting_institution: instId['霍城县第一中学'] }), { session: s.shiyan })
  assertError(res, 422, 'validation', ['visiting_institution'])
  res = await h.post('/api/v1/activities', visit({ visiting_institution: instId['五里镇湾头小学'] }), { session: s.shiyan })
  assertError(res, 422, 'validation', ['visiting_institution'])
  res = await h.post('/api/v1/activities', visit({ participants: [{ staff: staffId['李家红'] }, { staff: staffId['李家红'] }] }), { session: s.shiyan })
  assertError(res, 422, 'validation', ['participants'])
  // staff of another county are not readable by the school admin
  res = await h.post('/api/v1/activities', visit({ participants: [{ staff: staffId['阿依古丽·买买提'] }] }), { session: s.shiyan })
  assertError(res, 422, 'validation', ['participants'])
  res = await h.post('/api/v1/activities', visit({ program: hcProgram }), { session: s.admin })
  assertError(res, 422, 'validation', ['pairing'])
  const ok = assertOk(await h.post('/api/v1/activities', demoClass(), { session: s.shiyan }), 201)
  assert.equal(ok.teacher_name, '李家红')
  assert.equal(ok.subject_label, '语文')
})

test('refusals: read-only roles 403, another school 403, out-of-scope reads 404, anonymous 401', async () => {
  assertError(await h.post('/api/v1/activities', visit(), { session: s.inspector }), 403, 'forbidden')
  assertError(await h.post('/api/v1/activities', visit(), { session: s.teacher1 }), 403, 'forbidden')
  assertError(await h.post('/api/v1/activities', visit(), { session: s.huocheng2z }), 403, 'forbidden')
  assertError(await h.post('/api/v1/activities', visit(), { session: s.huocheng }), 403, 'forbidden')
  assertError(await h.get(`/api/v1/activities/${hcActivity.id}`, { session: s.tongcheng }), 404, 'not_found')
  assertError(await h.get(`/api/v1/activities/${hcActivity.id}`, { session: s.shiyan }), 404, 'not_found')
  assertError(await h.patch(`/api/v1/activities/${hcActivity.id}`, { topic: 'x' }, { session: s.tongcheng }), 403, 'forbidden')
  assertError(await h.del(`/api/v1/activities/${hcActivity.id}`, { session: s.tongcheng }), 403, 'forbidden')
  const mine = assertOk(await h.post('/api/v1/activities', visit(), { session: s.tongcheng }), 201)
  assertError(await h.patch(`/api/v1/activities/${mine.id}`, { topic: 'x' }, { session: s.inspector }), 403, 'forbidden')
  assertError(await h.del(`/api/v1/activities/${mine.id}`, { session: s.teacher1 }), 403, 'forbidden')
  assertError(await h.get('/api/v1/activities'), 401, 'unauthenticated')
  assertError(await h.get('/api/v1/activities/999999', { session: s.admin }), 404, 'not_found')
  const list = assertPage(await h.get('/api/v1/activities?page_size=200', { session: s.tongcheng }), { pageSize: 200 })
  assert.ok(!list.items.some((x) => x.id === hcActivity.id))
  const theirs = assertPage(await h.get('/api/v1/activities?page_size=200', { session: s.huocheng2z }), { pageSize: 200 }).items
  assert.ok(theirs.some((x) => x.id === hcActivity.id))
  assert.ok(!theirs.some((x) => x.program === tcProgram), 'a Huocheng school reads nothing of Tongcheng')
})

test('PATCH changes what is sent, replaces participants when sent; DELETE removes it', async () => {
  const x = assertOk(await h.post('/api/v1/activities', visit(), { session: s.shiyan }), 201)
  let y = assertOk(await h.patch(`/api/v1/activities/${x.id}`, { outcome: '受到好评' }, { session: s.shiyan }))
  assert.equal(y.outcome, '受到好评')
  assert.equal(y.participants.length, 2)
  y = assertOk(await h.patch(`/api/v1/activities/${x.id}`, { participants: [{ staff: staffId['吴恒珍'], role: '带队' }] }, { session: s.shiyan }))
  assert.deepEqual(y.participants.map((p) => [p.name, p.role]), [['吴恒珍', '带队']])
  // The recipient's admin may edit it, naming only staff they can read.
  assertError(await h.patch(`/api/v1/activities/${x.id}`, { participants: [{ staff: staffId['李家红'] }] }, { session: s.wantou }), 422, 'validation', ['participants'])
  y = assertOk(await h.patch(`/api/v1/activities/${x.id}`, { participants: [{ staff: staffId['黄建国'] }] }, { session: s.wantou }))
  assert.deepEqual(y.participants.map((p) => p.name), ['黄建国'])
  y = assertOk(await h.patch(`/api/v1/activities/${x.id}`, { participants: [] }, { session: s.wantou }))
  assert.deepEqual(y.participants, [])
  assertError(await h.patch(`/api/v1/activities/${x.id}`, { end_date: '2026-01-01' }, { session: s.shiyan }), 422, 'validation', ['end_date'])
  assert.equal(assertOk(await h.get(`/api/v1/activities/${x.id}`, { session: s.shiyan })).end_date, '2026-11-04')
  assert.equal((await h.del(`/api/v1/activities/${x.id}`, { session: s.shiyan })).status, 204)
  assertError(await h.get(`/api/v1/activities/${x.id}`, { session: s.shiyan }), 404, 'not_found')
})

test('lists filter by program, pairing, type, dates, institution, teacher and text; sort newest first', async () => {
  const later = assertOk(await h.post('/api/v1/activities', visit({ start_date: '2027-06-10', end_date: '2027-06-11', topic: '期末复习研讨' }), { session: s.tongcheng }), 201)
  const all = assertPage(await h.get('/api/v1/activities?page_size=200', { session: s.admin }), { pageSize: 200 })
  const dates = all.items.map((x) => x.start_date)
  assert.deepEqual(dates, [...dates].sort().reverse())
  const ids = async (query) => assertPage(await h.get(`/api/v1/activities?page_size=200&${query}`, { session: s.admin }), { pageSize: 200 }).items
  assert.ok((await ids(`program=${tcProgram}`)).every((x) => x.program === tcProgram))
  assert.ok((await ids(`pairing=${hcPairing}`)).every((x) => x.pairing === hcPairing))
  assert.ok((await ids('type=demonstration_class')).every((x) => x.type === 'demonstration_class'))
  assert.deepEqual((await ids(`pairing=${tcPairing}&date_from=2027-06-11&date_to=2027-12-31`)).map((x) => x.id), [later.id])
  assert.deepEqual((await ids(`pairing=${tcPairing}&date_from=2027-06-12`)).map((x) => x.id), [])
  const hc1 = instId['霍城县第一中学']
  const byInst = await ids(`institution=${hc1}`)
  assert.ok(byInst.some((x) => x.id === hcActivity.id))
  assert.ok(byInst.every((x) => x.host_institution === hc1 || x.visiting_institution === hc1))
  assert.ok((await ids(`teacher=${staffId['李家红']}`)).length >= 1)
  assert.deepEqual((await ids(`q=${encodeURIComponent('期末复习研讨')}`)).map((x) => x.id), [later.id])
  assertError(await h.get('/api/v1/activities?type=karaoke', { session: s.admin }), 400, 'malformed', ['type'])
  assertError(await h.get('/api/v1/activities?date_from=2026-13-01', { session: s.admin }), 400, 'malformed', ['date_from'])
  assertError(await h.get('/api/v1/activities?sort=colour', { session: s.admin }), 400, 'malformed', ['sort'])
})

test('export.xlsx: one row per activity, Chinese headers, type labels, counts, participants joined by 、', async () => {
  const list = assertPage(await h.get(`/api/v1/activities?page_size=200&pairing=${tcPairing}`, { session: s.tongcheng }), { pageSize: 200 })
  const res = await h.get(`/api/v1/activities/export.xlsx?pairing=${tcPairing}`, { session: s.tongcheng })
  assertXlsx(res, '帮扶活动-')
  const rows = readXlsxRows(res.bytes)
  assert.deepEqual(rows[0].slice(0, 4), ['编号', '帮扶项目', '结对关系', '活动类型'])
  assert.ok(rows[0].includes('参加人员') && rows[0].includes('合计人次'))
  assert.equal(rows.length - 1, list.total)
  const col = (name) => rows[0].indexOf(name)
  const first = list.items.find((x) => x.participants.length === 2)
  const row = rows.find((r) => r[0] === String(first.id))
  assert.equal(row[col('活动类型')], first.type_label)
  assert.equal(row[col('教师人数')], String(first.teachers_count))
  assert.equal(row[col('合计人次')], String(first.person_times))
  assert.match(row[col('参加人员')], /^(李家红（授课教师）、张峰|张峰、李家红（授课教师）)$/)
  assert.ok(!rows.some((r) => r.some((c) => String(c).includes('霍城'))))
  assertXlsx(await h.get('/api/v1/activities/export.xlsx', { session: s.admin, headers: { 'accept-language': 'en' } }), 'activities-')
})

test('statistics by type and by month with the list filters and scope', async () => {
  const acts = assertPage(await h.get('/api/v1/activities?page_size=200', { session: s.tongcheng }), { pageSize: 200 }).items
  const byType = assertOk(await h.get('/api/v1/activities/stats?group=type', { session: s.tongcheng }))
  assert.equal(byType.group, 'type')
  const sum = (xs, f) => xs.reduce((n, x) => n + f(x), 0)
  assert.equal(sum(byType.rows, (r) => r.activities), acts.length)
  assert.equal(byType.total.person_times, sum(acts, (x) => x.person_times))
  const demo = byType.rows.find((r) => r.key === 'demonstration_class')
  assert.equal(demo.label, '示范课')
  assert.equal(demo.students, sum(acts.filter((x) => x.type === 'demonstration_class'), (x) => x.students_count))
  assert.deepEqual(Object.keys(demo).sort(), ['activities', 'key', 'label', 'leaders', 'medical', 'person_times', 'students', 'teachers'])
  const byMonth = assertOk(await h.get('/api/v1/activities/stats?group=month', { session: s.tongcheng }))
  assert.deepEqual(byMonth.rows.map((r) => r.key), [...new Set(acts.map((x) => x.start_date.slice(0, 7)))].sort())
  assert.equal(byMonth.rows.find((r) => r.key === '2026-11').label, '2026年11月')
  const outOfScope = assertOk(await h.get(`/api/v1/activities/stats?group=month&program=${hcProgram}`, { session: s.tongcheng }))
  assert.deepEqual(outOfScope.rows, [], 'Huocheng\'s activities are out of Tongcheng\'s scope')
  assert.ok(assertOk(await h.get(`/api/v1/activities/stats?group=month&program=${hcProgram}`, { session: s.huocheng })).rows.some((r) => r.key === '2026-10'))
  const filtered = assertOk(await h.get('/api/v1/activities/stats?group=type&type=demonstration_class', { session: s.tongcheng }))
  assert.deepEqual(filtered.rows.map((r) => r.key), ['demonstration_class'])
  assertError(await h.get('/api/v1/activities/stats?group=week', { session: s.tongcheng }), 400, 'malformed', ['group'])
})

test('a photo upload retried with its Idempotency-Key is stored once; the key with other bytes is a 422', async () => {
  const x = assertOk(await h.post('/api/v1/activities', visit(), { session: s.shiyan }), 201)
  const base = `/api/v1/activities/${x.id}/attachments`
  const send = (bytes, key) => h.post(`${base}?name=IMG_0413.png`, bytes, { session: s.shiyan, headers: { 'Idempotency-Key': key } })
  const first = assertOk(await send(PNG, 'photo-upload-0001'), 201)
  const again = await send(PNG, 'photo-upload-0001')
  assert.equal(again.status, 201)
  assert.equal(again.headers.get('idempotent-replayed'), 'true')
  assert.equal(again.json.id, first.id)
  assertError(await send(Buffer.concat([PNG, Buffer.from([0])]), 'photo-upload-0001'), 422, 'validation', ['Idempotency-Key'])
  assert.deepEqual(assertOk(await h.get(base, { session: s.shiyan })).items.map((f) => f.id), [first.id])
})

test('attachments: upload, list, download the same bytes, refuse wrong type, oversize and empty files, delete', async () => {
  const x = assertOk(await h.post('/api/v1/activities', visit(), { session: s.shiyan }), 201)
  const base = `/api/v1/activities/${x.id}/attachments`
  const up = assertOk(await h.post(`${base}?name=IMG_0412.png`, PNG, { session: s.shiyan }), 201)
  assert.equal(up.name, 'IMG_0412.png')
  assert.equal(up.content_type, 'image/png')
  const list = assertOk(await h.get(base, { session: s.teacher1 }))
  assert.deepEqual(list.items.map((f) => f.id), [up.id])
  assert.deepEqual(assertOk(await h.get(`/api/v1/activities/${x.id}`, { session: s.wantou })).attachments.map((f) => f.name), ['IMG_0412.png'])
  const dl = await h.get(`${base}/${up.id}`, { session: s.inspector, raw: true })
  assert.equal(dl.status, 200)
  assert.equal(dl.headers.get('content-type').split(';')[0], 'image/png')
  assert.ok(dl.bytes.equals(PNG), 'download equals upload')

  let res = await h.post(`${base}?name=photo.jpg`, EXE, { session: s.shiyan })
  assertError(res, 422, 'validation', ['file'])
  res = await h.post(`${base}?name=virus.exe`, EXE, { session: s.shiyan })
  assertError(res, 422, 'validation', ['file'])
  const big = Buffer.concat([Buffer.from('ffd8ffe000104a464946000101', 'hex'), Buffer.alloc(10 * 1024 * 1024)])
  res = await h.post(`${base}?name=big.jpg`, big, { session: s.shiyan })
  assertError(res, 422, 'validation', ['file'])
  assert.equal(res.json.error.fields.file, '文件不能超过 10 MB')
  res = await h.post(`${base}?name=empty.jpg`, Buffer.alloc(0), { session: s.shiyan })
  assertError(res, 422, 'validation', ['file'])
  assertError(await h.post(base, PNG, { session: s.shiyan }), 422, 'validation', ['file'])
  assert.equal(assertOk(await h.get(base, { session: s.shiyan })).items.length, 1, 'nothing refused was stored')

  assertError(await h.post(`${base}?name=a.png`, PNG, { session: s.inspector }), 403, 'forbidden')
  assertError(await h.post(`${base}?name=a.png`, PNG, { session: s.huocheng2z }), 403, 'forbidden')
  assertError(await h.get(`${base}/${up.id}`, { session: s.huocheng }), 404, 'not_found')
  assertError(await h.get(`/api/v1/activities/${hcActivity.id}/attachments/${up.id}`, { session: s.admin }), 404, 'not_found')
  assertError(await h.del(`${base}/${up.id}`, { session: s.teacher1 }), 403, 'forbidden')
  assert.equal((await h.del(`${base}/${up.id}`, { session: s.wantou })).status, 204)
  assert.deepEqual(assertOk(await h.get(base, { session: s.shiyan })).items, [])

  // deleting the activity deletes its files
  const again = assertOk(await h.post(`${base}?name=IMG_0413.png`, PNG, { session: s.shiyan }), 201)
  assert.equal((await h.del(`/api/v1/activities/${x.id}`, { session: s.shiyan })).status, 204)
  assertError(await h.get(`${base}/${again.id}`, { session: s.admin }), 404, 'not_found')
})

test('the OpenAPI document lists the activity endpoints', async () => {
  const doc = assertOk(await h.get('/api/v1/openapi.json'))
  for (const p of ['/api/v1/activities', '/api/v1/activities/stats', '/api/v1/activities/export.xlsx',
    '/api/v1/activities/{id}', '/api/v1/activities/{id}/attachments', '/api/v1/activities/{id}/attachments/{file}']) {
    assert.ok(doc.paths[p], p)
  }
})
