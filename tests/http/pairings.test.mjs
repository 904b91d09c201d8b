// Pairings: create/list/get/update/end/delete with the graph rules (self, repeat, cycle; ladders
// allowed), data scope on reads (404) and writes (403), the agreement file, the timeline, the
// program graph, an institution's pairings and the Excel export.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { after, before, test } from 'node:test'

import { ENGINE, assertError, assertOk, assertPage, assertXlsx, readXlsxRows, setup } from './harness.mjs'

let h
let s
const id = {} // institution ids by demo name
const program = {} // program ids by key
before(async () => {
  h = await setup()
  s = await h.loginAll(['admin', 'tongcheng', 'huocheng', 'yeji', 'wuxi', 'wantou', 'sanyuan', 'meicun', 'huocheng2z',
    'teacher1', 'inspector', 'inspector_ah'])
  const all = assertPage(await h.get('/api/v1/institutions?page_size=200', { session: s.admin }), { pageSize: 200 })
  for (const x of all.items) id[x.name] = x.id
  for (const name of ['叶集区三元中学', '通城县实验小学', '五里镇湾头小学', '无锡市梅村高级中学', '霍城县第一中学']) {
    assert.ok(id[name], `demo institution ${name} not found`)
  }
  // Schools of our own, so the demo's pairings (which the rules also see) never collide with ours.
  for (const [name, region, weak] of [['测试一中', '341504001', false], ['测试三元中学', '341504102', true],
    ['测试资源小学', '341504102', true], ['测试龙塘小学', '341504102', true], ['测试第二小学', '341504001', false],
    ['测试段岗小学', '341504200', true], ['测试龙冲小学', '341504002', true], ['测试通城甲校', '421222', false],
    ['测试通城乙校', '421222105', true]]) {
    id[name] = assertOk(await h.post('/api/v1/institutions', { name, kind: 'junior', locality: weak ? 'rural' : 'town', weak, region },
      { session: s.admin }), 201).id
  }
  // Dimensions of our own for pairings between demo institutions (whose admins log in here).
  for (const [value, zh, en] of [['sports', '体育', 'Sports'], ['arts', '艺术', 'Arts']]) {
    assertOk(await h.post('/api/v1/dictionaries/pairing_dimension/entries', { value, zh, en }, { session: s.admin }), 201)
  }
  const make = async (session, name, kind, region) =>
    assertOk(await h.post('/api/v1/programs', { name, kind, region, start_date: '2026-01-01', status: 'active' }, { session }), 201).id
  program.yeji = await make(s.yeji, '叶集区城乡学校结对帮扶（测试）', 'urban_rural_school', '341504')
  program.tc = await make(s.tongcheng, '通城县城乡学校结对（测试）', 'urban_rural_school', '421222')
  program.wuxi = await make(s.wuxi, '无锡—霍城对口支援（测试）', 'counterpart_support', '320200')
})
after(async () => {
  await h?.close()
})

// Writes rows of other slices' tables (plans, activities, …) straight into the test database.
function sql(statement) {
  const url = h.db.url
  const r = ENGINE === 'sqlite'
    ? spawnSync('sqlite3', [url.slice('sqlite:'.length), statement], { encoding: 'utf8' })
    : spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAtX', '-c', statement], { encoding: 'utf8' })
  assert.equal(r.status, 0, `${statement}: ${r.stderr}`)
  return r.stdout.trim()
}

const pairing = (prog, supporter, recipient, dimensions = ['teachers'], extra = {}) =>
  ({ program: prog, supporter: id[supporter], recipient: id[recipient], dimensions, start_date: '2026-09-01', ...extra })

async function create(session, body) {
  return assertOk(await h.post('/api/v1/pairings', body, { session }), 201)
}
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10) // China time

test('create answers 201 with names, regions and dimension labels; get returns the same', async () => {
  const x = await create(s.yeji, pairing(program.yeji, '测试一中', '测试三元中学', ['materials', 'teachers'],
    { agreement_title: '“手拉手，献爱心”互助协议', agreement_text: '双方约定……', note: '七名骨干教师' }))
  assert.equal(x.status, 'active')
  assert.equal(x.program_name, '叶集区城乡学校结对帮扶（测试）')
  assert.equal(x.supporter_name, '测试一中')
  assert.equal(x.recipient_name, '测试三元中学')
  assert.equal(x.recipient_region_name, '三元镇')
  assert.deepEqual(x.dimensions, ['teachers', 'materials'])
  assert.deepEqual(x.dimension_labels.map((d) => d.zh), ['师资', '物资'])
  assert.equal(x.end_date, null)
  assert.equal(x.agreement_file, null)
  const got = assertOk(await h.get(`/api/v1/pairings/${x.id}`, { session: s.yeji }))
  assert.deepEqual(got, x)
  const fields = ['agreement_file', 'agreement_file_name', 'agreement_file_size', 'agreement_text', 'agreement_title',
    'created_at', 'dimension_labels', 'dimensions', 'end_date', 'id', 'note', 'program', 'program_name', 'recipient',
    'recipient_name', 'recipient_region', 'recipient_region_name', 'start_date', 'status', 'supporter', 'supporter_name',
    'supporter_region', 'supporter_region_name', 'updated_at']
  assert.deepEqual(Object.keys(got).sort(), fields)
  const audit = assertPage(await h.get(`/api/v1/audit?entity=pairing&entity_id=${x.id}`, { session: s.yeji }))
  assert.equal(audit.items[0].action, 'create')
})

test('validation names each field, in Chinese by default and English on request', async () => {
  let r = await h.post('/api/v1/pairings', { program: 999999, supporter: 0, dimensions: [], start_date: '2026-02-30', colour: 'red' }, { session: s.yeji })
  assertError(r, 422, 'validation', ['program', 'supporter', 'recipient', 'dimensions', 'start_date', 'colour'])
  assert.equal(r.json.error.fields.dimensions, '帮扶内容至少选择一项')
  r = await h.post('/api/v1/pairings', pairing(program.yeji, '测试一中', '测试一中', ['teachers', 'rockets']),
    { session: s.yeji })
  assertError(r, 422, 'validation', ['recipient', 'dimensions'])
  assert.equal(r.json.error.fields.recipient, '支援方和受援方不能是同一单位')
  r = await h.post('/api/v1/pairings', pairing(program.yeji, '测试一中', '测试一中'),
    { session: s.yeji, headers: { 'accept-language': 'en' } })
  assert.equal(r.json.error.fields.recipient, 'the supporter and the recipient must be different institutions')
  r = await h.post('/api/v1/pairings', pairing(program.yeji, '测试一中', '测试龙冲小学', ['teachers'],
    { end_date: '2026-08-01', agreement_title: 'x'.repeat(201) }), { session: s.yeji })
  assertError(r, 422, 'validation', ['end_date', 'agreement_title'])
  r = await h.post('/api/v1/pairings', 'not json', { session: s.yeji, headers: { 'content-type': 'application/json' } })
  assert.equal(r.status, 400)
})

test('rules: no repeat, no cycle per dimension; ladders and other dimensions are allowed', async () => {
  // 测试一中 → 测试三元中学 exists on 师资 (first test); the ladder continues to 测试资源小学.
  const ladder = await create(s.yeji, pairing(program.yeji, '测试三元中学', '测试资源小学'))
  let r = await h.post('/api/v1/pairings', pairing(program.yeji, '测试一中', '测试三元中学'), { session: s.yeji })
  assertError(r, 422, 'validation', ['dimensions'])
  assert.match(r.json.error.fields.dimensions, /编号 \d+/)
  r = await h.post('/api/v1/pairings', pairing(program.yeji, '测试资源小学', '测试一中'), { session: s.yeji })
  assertError(r, 422, 'validation', ['recipient'])
  assert.equal(r.json.error.fields.recipient, '将形成循环：测试资源小学 → 测试一中 → 测试三元中学 → 测试资源小学（师资）')
  // The same direction on 资金 is fine (the first pairing is on 师资 and 物资 only).
  await create(s.yeji, pairing(program.yeji, '测试资源小学', '测试一中', ['funds']))
  // A school supports two schools on different dimensions.
  await create(s.yeji, pairing(program.yeji, '测试一中', '测试龙塘小学', ['funds']))
  // An update that would close the cycle is refused and changes nothing.
  r = await h.patch(`/api/v1/pairings/${ladder.id}`, { supporter: id['测试三元中学'], recipient: id['测试一中'] }, { session: s.yeji })
  assertError(r, 422, 'validation', ['recipient'])
  assert.equal(assertOk(await h.get(`/api/v1/pairings/${ladder.id}`, { session: s.yeji })).recipient, id['测试资源小学'])
})

test('ending a pairing: end_date defaults to today, and the ended pairing no longer counts', async () => {
  const x = await create(s.yeji, pairing(program.yeji, '测试第二小学', '测试段岗小学'))
  let r = await h.post('/api/v1/pairings', pairing(program.yeji, '测试段岗小学', '测试第二小学'), { session: s.yeji })
  assertError(r, 422, 'validation', ['recipient'])
  const ended = assertOk(await h.patch(`/api/v1/pairings/${x.id}`, { status: 'ended' }, { session: s.yeji }))
  assert.equal(ended.status, 'ended')
  assert.equal(ended.end_date, today())
  await create(s.yeji, pairing(program.yeji, '测试段岗小学', '测试第二小学'))
  r = await h.patch(`/api/v1/pairings/${x.id}`, { end_date: '2099-01-01' }, { session: s.yeji })
  assertError(r, 422, 'validation', ['end_date'])
  r = await h.patch(`/api/v1/pairings/${x.id}`, { status: 'paused' }, { session: s.yeji })
  assertError(r, 422, 'validation', ['status'])
  r = await h.patch(`/api/v1/pairings/${x.id}`, { id: 5, supporter_name: 'ignored', dimension_labels: [] }, { session: s.yeji })
  assertOk(r) // read-only keys sent back are ignored
})

test('write refusals: read-only roles, institution admins, other bureaus, parties outside scope', async () => {
  const body = pairing(program.yeji, '叶集区三元中学', '测试龙冲小学', ['sports'])
  assertError(await h.post('/api/v1/pairings', body, { session: s.inspector_ah }), 403, 'forbidden')
  assertError(await h.post('/api/v1/pairings', body, { session: s.sanyuan }), 403, 'forbidden')
  assertError(await h.post('/api/v1/pairings', body, { session: s.teacher1 }), 403, 'forbidden')
  // 通城县 in 叶集区's program.
  assertError(await h.post('/api/v1/pairings', body, { session: s.tongcheng }), 403, 'forbidden', ['program'])
  // 通城县's own program, but both schools are 叶集区's.
  assertError(await h.post('/api/v1/pairings', pairing(program.tc, '叶集区三元中学', '测试龙冲小学'), { session: s.tongcheng }),
    403, 'forbidden', ['supporter', 'recipient'])
  const x = await create(s.yeji, body)
  assertError(await h.patch(`/api/v1/pairings/${x.id}`, { note: 'x' }, { session: s.sanyuan }), 403, 'forbidden')
  assertError(await h.patch(`/api/v1/pairings/${x.id}`, { note: 'x' }, { session: s.inspector_ah }), 403, 'forbidden')
  assertError(await h.del(`/api/v1/pairings/${x.id}`, { session: s.inspector_ah }), 403, 'forbidden')
  // Out of read scope: 404 on reads, 403 on writes.
  assertError(await h.get(`/api/v1/pairings/${x.id}`, { session: s.tongcheng }), 404, 'not_found')
  assertError(await h.patch(`/api/v1/pairings/${x.id}`, { note: 'x' }, { session: s.tongcheng }), 403, 'forbidden')
  assertError(await h.del(`/api/v1/pairings/${x.id}`, { session: s.tongcheng }), 403, 'forbidden')
  assertError(await h.get('/api/v1/pairings/abc', { session: s.yeji }), 404, 'not_found')
  // Without a CSRF token or a session.
  assertError(await h.post('/api/v1/pairings', body, { session: s.yeji, csrf: false }), 403, 'csrf_missing')
  assert.equal((await h.get('/api/v1/pairings')).status, 401)
})

test('read scope: a cross-region pairing is read by the recipient\'s bureau, not changed by it', async () => {
  const x = await create(s.wuxi, pairing(program.wuxi, '无锡市梅村高级中学', '霍城县第一中学', ['sports']))
  assert.equal(assertOk(await h.get(`/api/v1/pairings/${x.id}`, { session: s.huocheng })).supporter_name, '无锡市梅村高级中学')
  assertError(await h.patch(`/api/v1/pairings/${x.id}`, { note: 'x' }, { session: s.huocheng }), 403, 'forbidden')
  // The supporter's institution admin reads it; another Huocheng school's admin does not.
  assertOk(await h.get(`/api/v1/pairings/${x.id}`, { session: s.meicun }))
  assertError(await h.get(`/api/v1/pairings/${x.id}`, { session: s.huocheng2z }), 404, 'not_found')
  const mine = assertPage(await h.get('/api/v1/pairings', { session: s.meicun }))
  assert.ok(mine.items.length > 0)
  for (const p of mine.items) assert.ok(p.supporter === id['无锡市梅村高级中学'] || p.recipient === id['无锡市梅村高级中学'])
  const hc = assertPage(await h.get(`/api/v1/pairings?program=${program.wuxi}`, { session: s.huocheng }))
  assert.deepEqual(hc.items.map((p) => p.id), [x.id])
  // 叶集区 sees none of it.
  assert.equal(assertPage(await h.get(`/api/v1/pairings?program=${program.wuxi}`, { session: s.yeji })).total, 0)
})

test('list filters, search and sort; bad filters are 400', async () => {
  const base = `/api/v1/pairings?program=${program.yeji}&page_size=100`
  const all = assertPage(await h.get(base, { session: s.yeji }), { pageSize: 100 })
  assert.ok(all.total >= 6)
  const get = async (extra) => assertPage(await h.get(base + extra, { session: s.yeji }), { pageSize: 100 }).items
  for (const p of await get('&dimension=funds')) assert.ok(p.dimensions.includes('funds'))
  assert.deepEqual((await get(`&dimension=${encodeURIComponent('资金')}`)).map((p) => p.id), (await get('&dimension=funds')).map((p) => p.id))
  for (const p of await get('&status=ended')) assert.equal(p.status, 'ended')
  assert.ok((await get('&status=ended')).length >= 1)
  const sanyuan = id['测试三元中学']
  const either = await get(`&institution=${sanyuan}`)
  assert.ok(either.some((p) => p.supporter === sanyuan) && either.some((p) => p.recipient === sanyuan))
  for (const p of await get(`&supporter=${sanyuan}`)) assert.equal(p.supporter, sanyuan)
  for (const p of await get(`&recipient=${sanyuan}`)) assert.equal(p.recipient, sanyuan)
  const q = await get(`&q=${encodeURIComponent('测试资源')}`)
  assert.ok(q.length >= 2)
  for (const p of q) assert.ok(p.supporter_name.includes('资源') || p.recipient_name.includes('资源'))
  for (const p of await get('&region=341504102')) {
    assert.ok(['三元镇'].includes(p.supporter_region_name) || ['三元镇'].includes(p.recipient_region_name))
  }
  const ids = (await get('&sort=id')).map((p) => p.id)
  assert.deepEqual(ids, [...ids].sort((a, b) => a - b))
  const desc = (await get('&sort=-id')).map((p) => p.id)
  assert.deepEqual(desc, [...ids].reverse())
  assertError(await h.get('/api/v1/pairings?dimension=rockets', { session: s.yeji }), 400, 'malformed', ['dimension'])
  assertError(await h.get('/api/v1/pairings?status=paused', { session: s.yeji }), 400, 'malformed', ['status'])
  assertError(await h.get('/api/v1/pairings?colour=red', { session: s.yeji }), 400, 'malformed')
  assertError(await h.get('/api/v1/pairings?sort=colour', { session: s.yeji }), 400, 'malformed', ['sort'])
  assertError(await h.get('/api/v1/pairings?program=abc', { session: s.yeji }), 400, 'malformed', ['program'])
})

test('delete: 204 when nothing is recorded under the pairing, 409 naming what is', async () => {
  const free = await create(s.tongcheng, pairing(program.tc, '测试通城甲校', '测试通城乙校', ['management']))
  const used = await create(s.tongcheng, pairing(program.tc, '测试通城甲校', '测试通城乙校', ['funds']))
  sql(`INSERT INTO donations (program, pairing, kind, donated_on, donor_kind, recipient_institution, amount_fen, created_at, updated_at) ` +
    `VALUES (${program.tc}, ${used.id}, 'funds', '2026-10-08', 'institution', ${id['测试通城乙校']}, 500000, 't', 't')`)
  const r = await h.del(`/api/v1/pairings/${used.id}`, { session: s.tongcheng })
  assertError(r, 409, 'conflict')
  assert.match(r.json.error.message, /1 条捐赠记录/)
  assert.equal((await h.del(`/api/v1/pairings/${free.id}`, { session: s.tongcheng })).status, 204)
  assertError(await h.get(`/api/v1/pairings/${free.id}`, { session: s.tongcheng }), 404, 'not_found')
})

test('timeline: the pairing\'s start, plans, activities, donations and inspections in date order', async () => {
  const x = await create(s.tongcheng, pairing(program.tc, '通城县实验小学', '五里镇湾头小学', ['sports'],
    { start_date: '2025-03-01', agreement_title: '手拉手协议' }))
  const wantou = id['五里镇湾头小学']
  const shiyan = id['通城县实验小学']
  sql(`INSERT INTO activities (program, pairing, type, start_date, end_date, host_institution, visiting_institution, teachers_count, subject, topic, created_at, updated_at) ` +
    `VALUES (${program.tc}, ${x.id}, 'demonstration_class', '2025-11-04', '2025-11-04', ${wantou}, ${shiyan}, 3, 'chinese', '荷花', 't', 't')`)
  sql(`INSERT INTO plans (program, pairing, kind, title, start_date, end_date, approval, created_at, updated_at) ` +
    `VALUES (${program.tc}, ${x.id}, 'annual', '2025年度帮扶计划', '2025-03-05', '2025-12-31', 'approved', 't', 't')`)
  sql(`INSERT INTO donations (program, pairing, kind, donated_on, donor_kind, recipient_institution, amount_fen, purpose, created_at, updated_at) ` +
    `VALUES (${program.tc}, ${x.id}, 'funds', '2025-05-20', 'institution', ${wantou}, 310001, '资助贫困学生', 't', 't')`)
  sql(`INSERT INTO inspections (program, pairing, inspected_on, inspectors, findings, created_at, updated_at) ` +
    `VALUES (${program.tc}, ${x.id}, '2025-12-01', '县督导室', '落实到位', 't', 't')`)
  const t = assertOk(await h.get(`/api/v1/pairings/${x.id}/timeline`, { session: s.wantou })).items
  assert.deepEqual(t.map((i) => i.kind), ['pairing_start', 'plan', 'donation', 'activity', 'inspection'])
  const dates = t.map((i) => i.date)
  assert.deepEqual(dates, [...dates].sort())
  for (const i of t) assert.deepEqual(Object.keys(i).sort(), ['amount_fen', 'date', 'end_date', 'id', 'kind', 'summary', 'title', 'type'])
  assert.equal(t[2].amount_fen, 310001)
  assert.match(t[2].title, /3100\.01 元/)
  assert.equal(t[3].title, '示范课：荷花')
  assert.equal(t[3].type, 'demonstration_class')
  const en = assertOk(await h.get(`/api/v1/pairings/${x.id}/timeline`, { session: s.wantou, headers: { 'accept-language': 'en' } })).items
  assert.equal(en[0].title, 'Pairing started')
  // Ending adds the end as the last item.
  assertOk(await h.patch(`/api/v1/pairings/${x.id}`, { status: 'ended' }, { session: s.tongcheng }))
  const ended = assertOk(await h.get(`/api/v1/pairings/${x.id}/timeline`, { session: s.tongcheng })).items
  assert.equal(ended.at(-1).kind, 'pairing_end')
  assert.equal(ended.at(-1).date, today())
  assertError(await h.get(`/api/v1/pairings/${x.id}/timeline`, { session: s.yeji }), 404, 'not_found')
})

test('program graph: nodes with role counts (ladders visible) and edges; filters', async () => {
  const g = assertOk(await h.get(`/api/v1/programs/${program.yeji}/graph`, { session: s.yeji }))
  assert.ok(g.nodes.length >= 4 && g.edges.length >= 5)
  for (const n of g.nodes) {
    assert.deepEqual(Object.keys(n).sort(), ['as_recipient', 'as_supporter', 'id', 'kind', 'ladder', 'name', 'region_name', 'weak'])
  }
  for (const e of g.edges) assert.deepEqual(Object.keys(e).sort(), ['dimensions', 'pairing', 'recipient', 'status', 'supporter'])
  const sanyuan = g.nodes.find((n) => n.name === '测试三元中学')
  assert.ok(sanyuan.ladder && sanyuan.as_supporter >= 1 && sanyuan.as_recipient >= 1)
  assert.equal(sanyuan.weak, true)
  const nodeIds = new Set(g.nodes.map((n) => n.id))
  for (const e of g.edges) assert.ok(nodeIds.has(e.supporter) && nodeIds.has(e.recipient))
  const funds = assertOk(await h.get(`/api/v1/programs/${program.yeji}/graph?dimension=funds&status=active`, { session: s.yeji }))
  assert.ok(funds.edges.length >= 2)
  for (const e of funds.edges) assert.ok(e.dimensions.includes('funds') && e.status === 'active')
  assertError(await h.get(`/api/v1/programs/${program.yeji}/graph`, { session: s.tongcheng }), 404, 'not_found')
  assertError(await h.get(`/api/v1/programs/${program.yeji}/graph?colour=red`, { session: s.yeji }), 400, 'malformed')
})

test('an institution\'s pairings in both directions; out of scope is 404', async () => {
  const sanyuan = id['叶集区三元中学']
  // It supports 测试龙冲小学 (refusals test); here it also receives.
  await create(s.yeji, pairing(program.yeji, '测试一中', '叶集区三元中学', ['sports']))
  const page = assertPage(await h.get(`/api/v1/institutions/${sanyuan}/pairings`, { session: s.sanyuan }))
  assert.ok(page.items.some((p) => p.supporter === sanyuan))
  assert.ok(page.items.some((p) => p.recipient === sanyuan))
  for (const p of page.items) assert.ok(p.supporter === sanyuan || p.recipient === sanyuan)
  assertError(await h.get(`/api/v1/institutions/${sanyuan}/pairings`, { session: s.tongcheng }), 404, 'not_found')
})

test('agreement file: upload, download, replace, delete; wrong type refused; scope', async () => {
  const x = await create(s.tongcheng, pairing(program.tc, '通城县实验小学', '五里镇湾头小学', ['arts'], { start_date: '2026-02-01' }))
  const pdf = Buffer.from('%PDF-1.4\n手拉手互助协议\n%%EOF\n')
  const name = encodeURIComponent('手拉手互助协议.pdf')
  let r = await h.post(`/api/v1/pairings/${x.id}/agreement?name=${name}`, pdf, { session: s.tongcheng, headers: { 'content-type': 'application/pdf' } })
  const up = assertOk(r)
  assert.equal(up.agreement_file_name, '手拉手互助协议.pdf')
  assert.equal(up.agreement_file_size, pdf.length)
  r = await h.get(`/api/v1/pairings/${x.id}/agreement`, { session: s.wantou, raw: true })
  assert.equal(r.status, 200)
  assert.deepEqual(r.bytes, pdf)
  assert.equal(r.headers.get('content-type'), 'application/pdf')
  // A renamed executable and an empty body are refused under "file".
  r = await h.post(`/api/v1/pairings/${x.id}/agreement?name=a.pdf`, Buffer.from('MZ\x90\x00 not a pdf'), { session: s.tongcheng })
  assertError(r, 422, 'validation', ['file'])
  r = await h.post(`/api/v1/pairings/${x.id}/agreement?name=a.pdf`, '', { session: s.tongcheng })
  assert.ok([400, 422].includes(r.status))
  // Only the program's bureau changes it; others in scope read it; out of scope is 404.
  assertError(await h.post(`/api/v1/pairings/${x.id}/agreement?name=a.pdf`, pdf, { session: s.wantou }), 403, 'forbidden')
  assertError(await h.del(`/api/v1/pairings/${x.id}/agreement`, { session: s.inspector }), 403, 'forbidden')
  assertError(await h.get(`/api/v1/pairings/${x.id}/agreement`, { session: s.yeji }), 404, 'not_found')
  // Replacing keeps one file.
  const again = assertOk(await h.post(`/api/v1/pairings/${x.id}/agreement?name=v2.pdf`, pdf, { session: s.tongcheng }))
  assert.notEqual(again.agreement_file, up.agreement_file)
  assert.equal(again.agreement_file_name, 'v2.pdf')
  const gone = assertOk(await h.del(`/api/v1/pairings/${x.id}/agreement`, { session: s.tongcheng }))
  assert.equal(gone.agreement_file, null)
  assertError(await h.get(`/api/v1/pairings/${x.id}/agreement`, { session: s.tongcheng }), 404, 'not_found')
})

test('export: Chinese headers, dimension and status labels, scoped rows', async () => {
  const r = await h.get(`/api/v1/pairings/export.xlsx?program=${program.yeji}`, { session: s.yeji })
  assertXlsx(r, '结对关系')
  const rows = readXlsxRows(r.bytes)
  assert.deepEqual(rows[0], ['编号', '帮扶项目', '支援方', '支援方所在区划', '受援方', '受援方所在区划', '帮扶内容',
    '开始日期', '结束日期', '状态', '协议名称', '备注'])
  const first = rows.find((row) => row[2] === '测试一中' && row[4] === '测试三元中学')
  assert.ok(first, JSON.stringify(rows))
  assert.equal(first[6], '师资、物资')
  assert.equal(first[9], '进行中')
  assert.equal(first[10], '“手拉手，献爱心”互助协议')
  assert.ok(rows.some((row) => row[9] === '已结束'))
  const en = await h.get('/api/v1/pairings/export.xlsx', { session: s.yeji, headers: { 'accept-language': 'en' } })
  assertXlsx(en, 'pairings')
  assert.equal(readXlsxRows(en.bytes)[0][6], 'dimensions')
  // Another bureau's export holds none of these.
  const tc = readXlsxRows((await h.get(`/api/v1/pairings/export.xlsx?program=${program.yeji}`, { session: s.tongcheng })).bytes)
  assert.equal(tc.length, 1)
})
