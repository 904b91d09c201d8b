// Plans, tasks and the four haves over HTTP: every endpoint's success, validation errors naming
// the field, refusals (403 for read-only roles and out-of-scope writes, 404 for out-of-scope
// reads), the plan's file and the Excel exports.
//
// Programs, pairings, leading groups, inspections and activities are created through their
// APIs.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { assertError, assertOk, assertPage, assertXlsx, readXlsxRows, setup } from './harness.mjs'

let h
let s
const inst = {}
let tc // 通城县 program
let hc // 霍城县 program
let pr // 通城县实验小学 → 五里镇湾头小学

// Programs, pairings, leading groups and inspections through their APIs (as the admin).
async function program(name, region, office = '') {
  const body = { name, kind: 'urban_rural_school', region, start_date: '2025-09-01', office, status: 'active' }
  return assertOk(await h.post('/api/v1/programs', body, { session: s.admin }), 201).id
}
async function pairing(program, supporter, recipient, dimension) {
  const body = { program, supporter, recipient, dimensions: [dimension], start_date: '2025-09-01', status: 'active' }
  return assertOk(await h.post('/api/v1/pairings', body, { session: s.admin }), 201).id
}
async function member(program, role) {
  assertOk(await h.post(`/api/v1/programs/${program}/leading-group`, { role, name: role === 'office' ? '县教育局帮扶办公室' : '王局长' }, { session: s.admin }), 201)
}
async function inspection(program, pairing, on) {
  const body = { program, inspected_on: on, inspectors: '县督导室' }
  if (pairing) body.pairing = pairing
  assertOk(await h.post('/api/v1/inspections', body, { session: s.admin }), 201)
}
// Activities through their API (as the admin); classes need a teacher, subject and topic.
let teacherId
async function activity(program, pairing, host, type, start, end, teachers = 0) {
  const body = { program, pairing, type, start_date: start, end_date: end, host_institution: host, teachers_count: teachers }
  if (type === 'demonstration_class') Object.assign(body, { teacher: teacherId, subject: 'chinese', topic: '《秋天的雨》' })
  assertOk(await h.post('/api/v1/activities', body, { session: s.admin }), 201)
}
// Today in China (UTC+8), as the server computes it.
const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
const year = today.slice(0, 4)

before(async () => {
  h = await setup()
  s = await h.loginAll(['admin', 'tongcheng', 'huocheng', 'shiyan', 'wantou', 'teacher1', 'inspector', 'huocheng2z'])
  const all = assertPage(await h.get('/api/v1/institutions?page_size=200', { session: s.admin }), { pageSize: 200 })
  for (const x of all.items) inst[x.name] = x.id
  teacherId = assertPage(await h.get(`/api/v1/staff?q=${encodeURIComponent('李家红')}`, { session: s.admin })).items[0].id
  tc = await program('通城县城乡学校结对帮扶', '421222')
  hc = await program('霍城县教育对口支援', '654023')
  pr = await pairing(tc, inst['通城县实验小学'], inst['五里镇湾头小学'], 'teachers')
})
after(async () => {
  await h?.close()
})

const plan = (extra = {}) => ({
  program: tc,
  kind: 'annual',
  title: `${year}年度城乡学校结对帮扶工作计划`,
  content: '一、指导思想\n二、工作目标',
  start_date: `${year}-01-01`,
  end_date: `${year}-12-31`,
  ...extra,
})
async function create(session, body) {
  return assertOk(await h.post('/api/v1/plans', body, { session }), 201)
}
async function step(session, id, approval, comment = '') {
  return h.post(`/api/v1/plans/${id}/approval`, { approval, comment }, { session })
}

test('plans: create, get, list with filters, in scope', async () => {
  const p = await create(s.tongcheng, plan())
  assert.equal(p.approval, 'draft')
  assert.equal(p.program_name, '通城县城乡学校结对帮扶')
  assert.equal(p.pairing, null)
  const fields = ['approval', 'approval_comment', 'content', 'created_at', 'end_date', 'file', 'file_name', 'id', 'kind', 'pairing',
    'pairing_label', 'program', 'program_name', 'recipient', 'recipient_name', 'start_date', 'supporter', 'supporter_name', 'title', 'updated_at']
  assert.deepEqual(Object.keys(p).sort(), fields)
  const q = await create(s.wantou, plan({ pairing: pr, kind: 'implementation', title: '结对帮扶实施方案', end_date: `${Number(year) + 2}-08-31` }))
  assert.equal(q.pairing_label, '通城县实验小学 → 五里镇湾头小学')
  assert.equal(q.supporter, inst['通城县实验小学'])
  assert.equal(q.recipient_name, '五里镇湾头小学')
  await create(s.huocheng, plan({ program: hc, title: '霍城县计划' }))

  assert.equal(assertOk(await h.get(`/api/v1/plans/${q.id}`, { session: s.teacher1 })).title, '结对帮扶实施方案')
  assertError(await h.get(`/api/v1/plans/${p.id}`, { session: s.huocheng }), 404, 'not_found')
  assertError(await h.get(`/api/v1/plans/${q.id}`, { session: s.huocheng2z }), 404, 'not_found')
  assertError(await h.get('/api/v1/plans/abc', { session: s.admin }), 404, 'not_found')

  const ids = async (session, query = '') => assertPage(await h.get(`/api/v1/plans${query}`, { session })).items.map((x) => x.id).sort()
  assert.ok((await ids(s.tongcheng)).includes(p.id))
  assert.deepEqual(await ids(s.tongcheng, `?program=${tc}`), [p.id, q.id].sort())
  assert.deepEqual(await ids(s.tongcheng, `?program=${tc}&pairing=none`), [p.id])
  assert.deepEqual(await ids(s.tongcheng, `?pairing=${pr}`), [q.id])
  assert.deepEqual(await ids(s.tongcheng, `?program=${tc}&kind=implementation`), [q.id])
  assert.deepEqual(await ids(s.tongcheng, `?program=${tc}&year=${Number(year) + 1}`), [q.id])
  assert.deepEqual(await ids(s.tongcheng, `?program=${tc}&approval=approved`), [])
  assert.deepEqual(await ids(s.tongcheng, `?q=${encodeURIComponent('实施方案')}`), [q.id])
  assert.equal((await ids(s.huocheng, `?program=${hc}`)).length, 1)
  assert.equal((await ids(s.huocheng, `?program=${tc}`)).length, 0)
  assertError(await h.get('/api/v1/plans?approval=done', { session: s.admin }), 400, 'malformed')
  assertError(await h.get('/api/v1/plans?year=soon', { session: s.admin }), 400, 'malformed')
  assertError(await h.get('/api/v1/plans?colour=red', { session: s.admin }), 400, 'malformed')
  assertError(await h.get('/api/v1/plans?sort=secret', { session: s.admin }), 400, 'malformed')
})

test('plans: validation errors name each field and change nothing', async () => {
  const before = assertPage(await h.get('/api/v1/plans', { session: s.admin })).total
  let r = await h.post('/api/v1/plans', { program: tc, kind: 'weekly', title: '', start_date: '2026-13-01', end_date: '' }, { session: s.tongcheng })
  assertError(r, 422, 'validation', ['kind', 'title', 'start_date', 'end_date'])
  r = await h.post('/api/v1/plans', plan({ start_date: `${year}-06-01`, end_date: `${year}-05-31` }), { session: s.tongcheng })
  assertError(r, 422, 'validation', ['end_date'])
  r = await h.post('/api/v1/plans', plan({ titel: 'x' }), { session: s.tongcheng })
  assertError(r, 422, 'validation', ['titel'])
  r = await h.post('/api/v1/plans', plan({ title: '计'.repeat(201) }), { session: s.tongcheng })
  assertError(r, 422, 'validation', ['title'])
  r = await h.post('/api/v1/plans', plan({ approval: 'approved' }), { session: s.tongcheng })
  assertError(r, 422, 'validation', ['approval'])
  // A program out of scope is refused (403), under its field.
  r = await h.post('/api/v1/plans', plan({ program: hc }), { session: s.tongcheng })
  assertError(r, 403, 'forbidden', ['program'])
  r = await h.post('/api/v1/plans', plan({ program: tc, pairing: 999999 }), { session: s.tongcheng })
  assertError(r, 422, 'validation', ['pairing'])
  r = await h.post('/api/v1/plans', '{"program":', { session: s.tongcheng, headers: { 'content-type': 'application/json' } })
  assertError(r, 400, 'malformed')
  assert.equal(assertPage(await h.get('/api/v1/plans', { session: s.admin })).total, before)
})

test('plans: writes by role; out-of-scope writes are 403', async () => {
  assertError(await h.post('/api/v1/plans', plan(), { session: s.inspector }), 403, 'forbidden')
  assertError(await h.post('/api/v1/plans', plan({ pairing: pr }), { session: s.teacher1 }), 403, 'forbidden')
  // A pairing's school writes its pairing's plans but not the program's own.
  assertError(await h.post('/api/v1/plans', plan(), { session: s.shiyan }), 403, 'forbidden')
  const p = await create(s.shiyan, plan({ pairing: pr, kind: 'semester', title: '秋季学期结对计划' }))
  assertError(await h.patch(`/api/v1/plans/${p.id}`, { title: '改' }, { session: s.huocheng }), 403, 'forbidden')
  assertError(await h.del(`/api/v1/plans/${p.id}`, { session: s.huocheng }), 403, 'forbidden')
  assertError(await h.patch(`/api/v1/plans/${p.id}`, { title: '改' }, { session: s.inspector }), 403, 'forbidden')
  const up = assertOk(await h.patch(`/api/v1/plans/${p.id}`, { title: '秋季学期结对计划（修订）' }, { session: s.wantou }))
  assert.equal(up.title, '秋季学期结对计划（修订）')
  assertError(await h.patch(`/api/v1/plans/${p.id}`, { approval: 'approved' }, { session: s.tongcheng }), 422, 'validation', ['approval'])
  assertError(await h.patch(`/api/v1/plans/${p.id}`, { end_date: '2000-01-01' }, { session: s.wantou }), 422, 'validation', ['end_date'])
  assertError(await h.patch('/api/v1/plans/999999', { title: 'x' }, { session: s.admin }), 404, 'not_found')
  const del = await h.del(`/api/v1/plans/${p.id}`, { session: s.wantou })
  assert.equal(del.status, 204)
  assertError(await h.get(`/api/v1/plans/${p.id}`, { session: s.admin }), 404, 'not_found')
})

test('plans: approval steps by role, reasons, frozen content', async () => {
  const p = await create(s.wantou, plan({ pairing: pr, kind: 'semester', title: '春季学期计划' }))
  assertError(await step(s.wantou, p.id, 'approved'), 409, 'conflict', ['approval'])
  assert.equal(assertOk(await step(s.wantou, p.id, 'submitted')).approval, 'submitted')
  assertError(await h.patch(`/api/v1/plans/${p.id}`, { content: '改' }, { session: s.wantou }), 409, 'conflict')
  assertError(await h.del(`/api/v1/plans/${p.id}`, { session: s.wantou }), 409, 'conflict')
  assertError(await step(s.wantou, p.id, 'approved'), 403, 'forbidden')
  assertError(await step(s.shiyan, p.id, 'approved'), 403, 'forbidden')
  assertError(await step(s.inspector, p.id, 'approved'), 403, 'forbidden')
  assertError(await step(s.huocheng, p.id, 'approved'), 403, 'forbidden')
  assertError(await step(s.tongcheng, p.id, 'rejected'), 422, 'validation', ['comment'])
  assertError(await step(s.tongcheng, p.id, 'finished'), 422, 'validation', ['approval'])
  assertError(await h.post(`/api/v1/plans/${p.id}/approval`, { approval: 'approved', note: 'x' }, { session: s.tongcheng }), 422, 'validation', ['note'])
  const rejected = assertOk(await step(s.tongcheng, p.id, 'rejected', '请补充教师交流安排'))
  assert.equal(rejected.approval, 'rejected')
  assert.equal(rejected.approval_comment, '请补充教师交流安排')
  // A rejected plan may be corrected, then goes back to draft and is submitted again.
  assertOk(await h.patch(`/api/v1/plans/${p.id}`, { content: '补充：每月一次教师交流' }, { session: s.wantou }))
  assertError(await step(s.wantou, p.id, 'submitted'), 409, 'conflict')
  assertOk(await step(s.wantou, p.id, 'draft'))
  assertOk(await step(s.wantou, p.id, 'submitted'))
  assertOk(await step(s.wantou, p.id, 'draft')) // withdraw
  assertOk(await step(s.wantou, p.id, 'submitted'))
  const approved = assertOk(await step(s.tongcheng, p.id, 'approved', '同意'))
  assert.equal(approved.approval, 'approved')
  assertError(await h.patch(`/api/v1/plans/${p.id}`, { title: '改' }, { session: s.tongcheng }), 409, 'conflict')
  assertError(await step(s.wantou, p.id, 'draft', '要改'), 403, 'forbidden')
  assertError(await step(s.tongcheng, p.id, 'draft'), 422, 'validation', ['comment'])
  assert.equal(assertOk(await step(s.tongcheng, p.id, 'draft', '根据督导意见修订')).approval, 'draft')
  const audit = assertPage(await h.get(`/api/v1/audit?entity=plan&page_size=100`, { session: s.admin }), { pageSize: 100 })
  assert.ok(audit.items.filter((x) => x.action === 'approval' && x.entity_id === String(p.id)).length >= 7)
})

const PDF = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'

test('plans: the document file (upload, replace, download, delete, type and state checks)', async () => {
  const p = await create(s.wantou, plan({ pairing: pr, kind: 'implementation', title: '实施方案（附件）' }))
  const name = encodeURIComponent('结对帮扶实施方案.pdf')
  const up = assertOk(await h.post(`/api/v1/plans/${p.id}/file?name=${name}`, PDF, { session: s.wantou, headers: { 'content-type': 'application/pdf' } }), 201)
  assert.equal(up.name, '结对帮扶实施方案.pdf')
  assert.equal(up.content_type, 'application/pdf')
  let got = assertOk(await h.get(`/api/v1/plans/${p.id}`, { session: s.wantou }))
  assert.equal(got.file, up.id)
  assert.equal(got.file_name, '结对帮扶实施方案.pdf')
  const dl = await h.get(`/api/v1/plans/${p.id}/file`, { session: s.teacher1, raw: true })
  assert.equal(dl.status, 200)
  assert.equal(dl.text, PDF)
  assert.match(dl.headers.get('content-disposition') || '', /filename\*=UTF-8''/)
  assertError(await h.get(`/api/v1/plans/${p.id}/file`, { session: s.huocheng }), 404, 'not_found')
  // A renamed executable is not a PDF; a wrong extension is refused; both name the file field.
  assertError(await h.post(`/api/v1/plans/${p.id}/file?name=a.pdf`, 'MZ\x90\x00binary', { session: s.wantou }), 422, 'validation', ['file'])
  assertError(await h.post(`/api/v1/plans/${p.id}/file?name=a.exe`, PDF, { session: s.wantou }), 422, 'validation', ['file'])
  assertError(await h.post(`/api/v1/plans/${p.id}/file?name=a.pdf`, PDF, { session: s.huocheng }), 403, 'forbidden')
  assertError(await h.post(`/api/v1/plans/${p.id}/file?name=a.pdf`, PDF, { session: s.teacher1 }), 403, 'forbidden')
  // Replacing keeps one file.
  const up2 = assertOk(await h.post(`/api/v1/plans/${p.id}/file?name=v2.pdf`, PDF + '%v2\n', { session: s.wantou }), 201)
  got = assertOk(await h.get(`/api/v1/plans/${p.id}`, { session: s.wantou }))
  assert.equal(got.file, up2.id)
  assert.equal(got.file_name, 'v2.pdf')
  // Submitted: the file is frozen with the content.
  assertOk(await step(s.wantou, p.id, 'submitted'))
  assertError(await h.post(`/api/v1/plans/${p.id}/file?name=v3.pdf`, PDF, { session: s.wantou }), 409, 'conflict')
  assertError(await h.del(`/api/v1/plans/${p.id}/file`, { session: s.wantou }), 409, 'conflict')
  assertOk(await step(s.wantou, p.id, 'draft'))
  assert.equal((await h.del(`/api/v1/plans/${p.id}/file`, { session: s.wantou })).status, 204)
  assertError(await h.get(`/api/v1/plans/${p.id}/file`, { session: s.wantou }), 404, 'not_found')
  assertError(await h.del(`/api/v1/plans/${p.id}/file`, { session: s.wantou }), 404, 'not_found')
})

test('tasks: CRUD, validation, progress from activities, overdue list, refusals', async () => {
  const p = await create(s.wantou, plan({ pairing: pr, kind: 'semester', title: '任务计划', start_date: '2025-09-01', end_date: '2026-01-31' }))
  const task = {
    description: '本学期开展 3 节示范课',
    owner_institution: inst['通城县实验小学'],
    period_start: '2025-09-01',
    due_date: '2026-01-31',
    metric: 'activity_count',
    activity_type: 'demonstration_class',
    target: 3,
  }
  let r = await h.post(`/api/v1/plans/${p.id}/tasks`, { ...task, description: '', target: 0, metric: 'hours', activity_type: 'tea', owner_institution: inst['霍城县第一中学'] }, { session: s.wantou })
  assertError(r, 422, 'validation', ['description', 'target', 'metric', 'activity_type', 'owner_institution'])
  r = await h.post(`/api/v1/plans/${p.id}/tasks`, { ...task, owner_institution: null }, { session: s.wantou })
  assertError(r, 422, 'validation', ['owner_institution'])
  r = await h.post(`/api/v1/plans/${p.id}/tasks`, { ...task, due_date: '2025-08-01' }, { session: s.wantou })
  assertError(r, 422, 'validation', ['due_date'])
  assertError(await h.post(`/api/v1/plans/${p.id}/tasks`, task, { session: s.inspector }), 403, 'forbidden')
  assertError(await h.post(`/api/v1/plans/${p.id}/tasks`, task, { session: s.huocheng }), 403, 'forbidden')

  const t1 = assertOk(await h.post(`/api/v1/plans/${p.id}/tasks`, task, { session: s.wantou }), 201)
  assert.deepEqual(t1.progress, { done: 0, target: 3, percent: 0, status: 'overdue' }) // the semester is over
  await activity(tc, pr, inst['五里镇湾头小学'], 'demonstration_class', '2025-11-04', '2025-11-04', 3)
  await activity(tc, pr, inst['五里镇湾头小学'], 'demonstration_class', '2025-11-05', '2025-11-05', 3)
  await activity(tc, pr, inst['五里镇湾头小学'], 'lecture', '2025-11-05', '2025-11-05', 3)
  let got = assertOk(await h.get(`/api/v1/tasks/${t1.id}`, { session: s.teacher1 }))
  assert.deepEqual(got.progress, { done: 2, target: 3, percent: 66, status: 'overdue' })
  assert.equal(got.owner_institution_name, '通城县实验小学')
  assert.equal(got.plan_title, '任务计划')

  const t2 = assertOk(
    await h.post(`/api/v1/plans/${p.id}/tasks`, { ...task, description: '骨干教师跟岗学习 1–2 周', metric: 'activity_days', activity_type: 'training', target: 7, due_date: '2099-12-31' }, { session: s.shiyan }),
    201,
  )
  await activity(tc, pr, inst['通城县实验小学'], 'training', '2025-10-29', '2025-11-04')
  got = assertOk(await h.get(`/api/v1/tasks/${t2.id}`, { session: s.wantou }))
  assert.deepEqual(got.progress, { done: 7, target: 7, percent: 100, status: 'achieved' })

  const list = assertPage(await h.get(`/api/v1/plans/${p.id}/tasks`, { session: s.teacher1 }))
  assert.deepEqual(list.items.map((x) => x.id), [t1.id, t2.id])
  assertError(await h.get(`/api/v1/plans/${p.id}/tasks`, { session: s.huocheng }), 404, 'not_found')
  assertError(await h.get(`/api/v1/plans/${p.id}/tasks?status=lost`, { session: s.admin }), 400, 'malformed')
  assert.equal(assertPage(await h.get(`/api/v1/plans/${p.id}/tasks?status=achieved`, { session: s.admin })).total, 1)

  const overdue = assertPage(await h.get(`/api/v1/tasks?overdue=true&program=${tc}`, { session: s.tongcheng }))
  assert.deepEqual(overdue.items.map((x) => x.id), [t1.id])
  assert.equal(assertPage(await h.get(`/api/v1/tasks?overdue=true&pairing=${pr}`, { session: s.wantou })).total, 1)
  assert.equal(assertPage(await h.get(`/api/v1/tasks?overdue=true&program=${tc}`, { session: s.huocheng })).total, 0)
  assert.equal(assertPage(await h.get(`/api/v1/tasks?overdue=false&pairing=${pr}`, { session: s.wantou })).total, 1)
  assertError(await h.get('/api/v1/tasks?overdue=maybe', { session: s.admin }), 400, 'malformed')

  assertError(await h.get(`/api/v1/tasks/${t1.id}`, { session: s.huocheng }), 404, 'not_found')
  assertError(await h.patch(`/api/v1/tasks/${t1.id}`, { target: 2 }, { session: s.huocheng }), 403, 'forbidden')
  assertError(await h.patch(`/api/v1/tasks/${t1.id}`, { target: 2 }, { session: s.inspector }), 403, 'forbidden')
  assertError(await h.patch(`/api/v1/tasks/${t1.id}`, { target: -1 }, { session: s.wantou }), 422, 'validation', ['target'])
  const up = assertOk(await h.patch(`/api/v1/tasks/${t1.id}`, { target: 2 }, { session: s.wantou }))
  assert.deepEqual(up.progress, { done: 2, target: 2, percent: 100, status: 'achieved' })
  assert.equal(assertPage(await h.get(`/api/v1/tasks?overdue=true&program=${tc}`, { session: s.tongcheng })).total, 0)

  const x = await h.get(`/api/v1/tasks/export.xlsx?plan=${p.id}`, { session: s.tongcheng })
  assertXlsx(x, '计划任务')
  const rows = await readXlsxRows(x.bytes)
  assert.equal(rows[0][0], '编号')
  assert.ok(rows.some((row) => row.includes('骨干教师跟岗学习 1–2 周') && row.includes('培训/跟岗学习') && row.includes('已完成')))

  assertError(await h.del(`/api/v1/tasks/${t2.id}`, { session: s.teacher1 }), 403, 'forbidden')
  assert.equal((await h.del(`/api/v1/tasks/${t2.id}`, { session: s.shiyan })).status, 204)
  assertError(await h.get(`/api/v1/tasks/${t2.id}`, { session: s.admin }), 404, 'not_found')
})

test('four haves: program and pairing panels, the non-compliant list and its export', async () => {
  const prog = await program('四有测试项目', '421222')
  const pp = await pairing(prog, inst['通城县实验小学'], inst['五里镇湾头小学'], 'materials')
  const missing = (r) => r.items.filter((i) => !i.ok).map((i) => i.key)
  const ALL = ['organisation', 'phased_plan', 'implementation_plan', 'inspection']
  let r = assertOk(await h.get(`/api/v1/programs/${prog}/four-haves`, { session: s.tongcheng }))
  assert.equal(r.complete, false)
  assert.deepEqual(missing(r), ALL)
  assert.equal(r.reference_date, today)
  assert.ok(r.items[1].missing[0].zh.includes('已批准阶段性计划'))
  assert.ok(r.items[1].missing[0].en.includes('approved phased plan'))
  assert.deepEqual(missing(assertOk(await h.get(`/api/v1/pairings/${pp}/four-haves`, { session: s.wantou }))), ALL)
  assertError(await h.get(`/api/v1/programs/${prog}/four-haves`, { session: s.huocheng }), 404, 'not_found')
  assertError(await h.get(`/api/v1/pairings/${pp}/four-haves`, { session: s.huocheng2z }), 404, 'not_found')
  assertError(await h.get('/api/v1/programs/999999/four-haves', { session: s.admin }), 404, 'not_found')

  let nc = assertPage(await h.get(`/api/v1/four-haves/non-compliant?program=${prog}`, { session: s.tongcheng }))
  assert.deepEqual(nc.items.map((x) => x.pairing), [pp])
  assert.equal(nc.items[0].recipient_name, '五里镇湾头小学')
  assert.deepEqual(missing(nc.items[0].four_haves), ALL)
  assert.equal(assertPage(await h.get(`/api/v1/four-haves/non-compliant?program=${prog}`, { session: s.huocheng })).total, 0)
  assert.equal(assertPage(await h.get('/api/v1/four-haves/non-compliant?region=654023', { session: s.tongcheng })).total, 0)
  assertError(await h.get('/api/v1/four-haves/non-compliant?region=000000', { session: s.admin }), 400, 'malformed')
  assertError(await h.get('/api/v1/four-haves/non-compliant?status=x', { session: s.admin }), 400, 'malformed')
  const x = await h.get(`/api/v1/four-haves/non-compliant/export.xlsx?program=${prog}`, { session: s.tongcheng })
  assertXlsx(x, '四有不全结对')
  const rows = await readXlsxRows(x.bytes)
  assert.equal(rows[0][0], '结对编号')
  assert.equal(rows.length, 2)
  assert.ok(rows[1].at(-1).includes('组长'))

  await member(prog, 'leader')
  await member(prog, 'office')
  await inspection(prog, null, today)
  for (const [pairingId, kind] of [[null, 'annual'], [null, 'implementation'], [pp, 'semester'], [pp, 'implementation']]) {
    const p = await create(s.tongcheng, plan({ program: prog, pairing: pairingId, kind, title: `${kind} 计划` }))
    assertOk(await step(s.tongcheng, p.id, 'submitted'))
    r = assertOk(await h.get(pairingId ? `/api/v1/pairings/${pp}/four-haves` : `/api/v1/programs/${prog}/four-haves`, { session: s.tongcheng }))
    assert.ok(r.items.some((i) => i.missing.some((m) => m.zh.includes('尚未批准'))), 'names the plan waiting for approval')
    assertOk(await step(s.tongcheng, p.id, 'approved'))
  }
  assert.equal(assertOk(await h.get(`/api/v1/programs/${prog}/four-haves`, { session: s.inspector })).complete, true)
  assert.equal(assertOk(await h.get(`/api/v1/pairings/${pp}/four-haves`, { session: s.teacher1 })).complete, true)
  nc = assertPage(await h.get(`/api/v1/four-haves/non-compliant?program=${prog}`, { session: s.tongcheng }))
  assert.equal(nc.total, 0)
})

test('plans export: Chinese headers, labels, filters; English on request', async () => {
  const x = await h.get(`/api/v1/plans/export.xlsx?program=${tc}&kind=implementation`, { session: s.tongcheng })
  assertXlsx(x, '帮扶计划')
  const rows = await readXlsxRows(x.bytes)
  assert.deepEqual(rows[0].slice(0, 3), ['编号', '项目编号', '帮扶项目'])
  assert.ok(rows.slice(1).every((row) => row[5] === '实施方案'))
  assert.ok(rows.some((row) => row.includes('通城县实验小学 → 五里镇湾头小学')))
  const en = await h.get(`/api/v1/plans/export.xlsx?program=${tc}`, { session: s.tongcheng, headers: { 'accept-language': 'en' } })
  assert.equal(en.status, 200)
  const enRows = await readXlsxRows(en.bytes)
  assert.equal(enRows[0][2], 'program')
  assertError(await h.get('/api/v1/plans/export.xlsx?kind=weekly', { session: s.admin }), 400, 'malformed')
  // An inspector's export holds only what they may read.
  const ix = await readXlsxRows((await h.get('/api/v1/plans/export.xlsx', { session: s.inspector })).bytes)
  assert.ok(ix.slice(1).every((row) => !row.includes('霍城县计划')))
})
