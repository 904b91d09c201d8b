// Recommendations (issue 18) over HTTP: pairing proposals for a region (min-cost flow, reasons in
// words, unmatched with a reason), accepting (a pairing is created, audited, the reasons in its
// note; safe to retry with an Idempotency-Key) and rejecting (not proposed again that school
// year); dispatch plans for a batch's needs from its volunteers; and the refusals: a school or
// teacher is refused, a bureau only gets its own region, bad input names the field.
//
// Fixture (通城县 421222, demo registry): 通城县实验小学 (2,640 pupils, strong) supports 五里镇湾头小学
// on teachers (created here, as in the seeds); here two more weak primary schools and a second strong one are created with
// coordinates, so the proposals for 'teachers' are for the new weak schools only.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { assertError, assertOk, setup } from './harness.mjs'
import { createPairing, createProgram } from './work_setup.mjs'

let h
let s
const id = {}
before(async () => {
  h = await setup()
  s = await h.loginAll(['admin', 'tongcheng', 'huocheng', 'wantou', 'shiyan', 'teacher1', 'inspector'])
  for (const name of ['通城县实验小学', '五里镇湾头小学']) {
    const page = assertOk(await h.get(`/api/v1/institutions?q=${encodeURIComponent(name)}`, { session: s.admin }))
    id[name] = page.items.find((x) => x.name === name).id
  }
  const school = async (name, extra) => {
    id[name] = assertOk(await h.post('/api/v1/institutions', {
      name, kind: 'primary', locality: 'rural', region: '421222105', ...extra,
    }, { session: s.tongcheng }), 201).id
  }
  await school('推荐测试薄弱小学甲', { weak: true, latitude: 29.21, longitude: 113.78, student_count: 120 })
  await school('推荐测试薄弱小学乙', { weak: true, latitude: 29.30, longitude: 113.90, student_count: 90 })
  await school('推荐测试中心小学', { weak: false, latitude: 29.31, longitude: 113.91, student_count: 500 })
  id.program = await createProgram(h, s.tongcheng, { name: '推荐测试结对项目', region: '421222' })
  // As in the seeds: 实验小学 supports 湾头 with teachers.
  await createPairing(h, s.tongcheng, { program: id.program, supporter: id['通城县实验小学'], recipient: id['五里镇湾头小学'], dimensions: ['teachers'] })
})
after(async () => {
  await h?.close()
})

const proposePairings = (body, session = s.tongcheng, headers = {}) =>
  h.post('/api/v1/recommendations/pairings', body, { session, headers })

test('pairing proposals: each weak school gets its nearest able supporter, with reasons in words', async () => {
  const run = assertOk(await proposePairings({ region: '421222', year: 2026, dimension: 'teachers' }), 201)
  assert.equal(typeof run.id, 'number')
  assert.equal(run.region, '421222')
  assert.equal(run.school_year, '2026-2027')
  const by = Object.fromEntries(run.proposals.map((p) => [p.recipient_name, p]))
  // 湾头 already has a pairing on teachers: not proposed.
  assert.equal(by['五里镇湾头小学'], undefined)
  assert.equal(by['推荐测试薄弱小学甲'].supporter_name, '通城县实验小学') // 4 km away
  assert.equal(by['推荐测试薄弱小学乙'].supporter_name, '推荐测试中心小学') // 1.4 km away
  for (const p of run.proposals) {
    assert.equal(p.status, 'proposed')
    assert.match(p.reasons[0], /^距离 [\d.]+ km$/)
    assert.ok(p.reasons.some((r) => /支援校可帮扶 \d+ 所/.test(r)), p.reasons.join('；'))
    if (p.supporter === id['通城县实验小学']) assert.ok(p.reasons.includes('支援校可帮扶 3 所（按类型和规模默认），已帮扶 1 所'), p.reasons.join('；'))
    assert.ok(p.cost >= 0)
  }
  assert.equal(run.objective, run.proposals.reduce((a, p) => a + p.cost, 0))
  // English on request.
  const en = assertOk(await h.get(`/api/v1/recommendations/runs/${run.id}`, { session: s.tongcheng, headers: { 'accept-language': 'en' } }))
  assert.equal(en.proposals.length, run.proposals.length)
})

test('unmatched schools are listed with the reason', async () => {
  // A kindergarten that is weak: no kindergarten supports it nearby.
  const k = assertOk(await h.post('/api/v1/institutions', {
    name: '推荐测试薄弱幼儿园', kind: 'kindergarten', locality: 'rural', region: '421222105', weak: true, latitude: 29.2, longitude: 113.8,
  }, { session: s.tongcheng }), 201)
  const run = assertOk(await proposePairings({ region: '421222', year: 2026, dimension: 'management' }), 201)
  const u = run.unmatched.find((x) => x.institution === k.id)
  assert.ok(u, JSON.stringify(run.unmatched))
  assert.equal(u.institution_name, '推荐测试薄弱幼儿园')
  assert.match(u.reason, /学段不同|没有非薄弱的同学段学校/)
  // On management, 湾头 has no pairing yet: it is proposed too.
  assert.ok(run.proposals.some((p) => p.recipient === id['五里镇湾头小学']))
})

test('accepting creates the pairing with the reasons in its note, audited; a retry with the same key creates nothing more', async () => {
  const run = assertOk(await proposePairings({ region: '421222', year: 2026, dimension: 'teaching_research' }), 201)
  const p = run.proposals.find((x) => x.recipient === id['推荐测试薄弱小学乙'])
  assert.ok(p)
  const headers = { 'Idempotency-Key': `reco-accept-${p.id}` }
  const body = { ids: [p.id], program: id.program, reason: '局务会同意' }
  const first = await h.post('/api/v1/recommendations/accept', body, { session: s.tongcheng, headers })
  const done = assertOk(first).items[0]
  assert.equal(done.status, 'accepted')
  assert.equal(typeof done.result, 'number')
  const again = await h.post('/api/v1/recommendations/accept', body, { session: s.tongcheng, headers })
  assert.equal(again.status, 200)
  assert.equal(again.headers.get('idempotent-replayed'), 'true')
  assert.deepEqual(again.json, first.json)

  const pairing = assertOk(await h.get(`/api/v1/pairings/${done.result}`, { session: s.tongcheng }))
  assert.equal(pairing.supporter, p.supporter)
  assert.equal(pairing.recipient, p.recipient)
  assert.deepEqual(pairing.dimensions, ['teaching_research'])
  assert.match(pairing.note, /按推荐方案 \d+ 生成：距离/)
  assert.match(pairing.note, /局务会同意/)
  const list = assertOk(await h.get(`/api/v1/pairings?recipient=${p.recipient}&dimension=teaching_research`, { session: s.tongcheng }))
  assert.equal(list.total, 1, 'one pairing, not two')

  const audit = assertOk(await h.get('/api/v1/audit?entity=recommendation_proposal&page_size=50', { session: s.admin }))
  assert.ok(audit.items.some((e) => e.entity_id === String(p.id) && e.action === 'accept'))
  // Decided once: another accept (new key) is a conflict.
  assertError(await h.post('/api/v1/recommendations/accept', body, { session: s.tongcheng }), 409, 'conflict')
  // The next run does not propose it again (the pairing is active now).
  const next = assertOk(await proposePairings({ region: '421222', year: 2026, dimension: 'teaching_research' }), 201)
  assert.ok(!next.proposals.some((x) => x.recipient === p.recipient))
})

test('rejecting needs a reason; a rejected pair is not proposed again that school year', async () => {
  const run = assertOk(await proposePairings({ region: '421222', year: 2026, dimension: 'funds' }), 201)
  const p = run.proposals.find((x) => x.recipient === id['推荐测试薄弱小学甲'])
  assert.ok(p)
  const noReason = await h.post('/api/v1/recommendations/reject', { ids: [p.id] }, { session: s.tongcheng })
  assertError(noReason, 422, 'validation', ['reason'])
  assert.match(noReason.json.error.fields.reason, /驳回理由/)
  const done = assertOk(await h.post('/api/v1/recommendations/reject', { ids: [p.id], reason: '两校路程远，另行安排' }, { session: s.tongcheng }))
  assert.equal(done.items[0].status, 'rejected')
  const next = assertOk(await proposePairings({ region: '421222', year: 2026, dimension: 'funds' }), 201)
  assert.ok(!next.proposals.some((x) => x.supporter === p.supporter && x.recipient === p.recipient))
  // Another school year: proposed again.
  const later = assertOk(await proposePairings({ region: '421222', year: 2027, dimension: 'funds' }), 201)
  assert.ok(later.proposals.some((x) => x.supporter === p.supporter && x.recipient === p.recipient))
})

test('a supporter\'s capacity is editable and the proposals keep to it', async () => {
  assertOk(await h.api('PUT', `/api/v1/institutions/${id['通城县实验小学']}/pairing-capacity`, { session: s.tongcheng, body: { capacity: 0 } }))
  const run = assertOk(await proposePairings({ region: '421222', year: 2026, dimension: 'materials' }), 201)
  assert.ok(!run.proposals.some((p) => p.supporter === id['通城县实验小学']))
  assertError(await h.api('PUT', `/api/v1/institutions/${id['通城县实验小学']}/pairing-capacity`, { session: s.tongcheng, body: { capacity: 99 } }),
    422, 'validation', ['capacity'])
  assertOk(await h.api('PUT', `/api/v1/institutions/${id['通城县实验小学']}/pairing-capacity`, { session: s.tongcheng, body: { capacity: null } }))
  // Another county's bureau may not change it.
  assertError(await h.api('PUT', `/api/v1/institutions/${id['通城县实验小学']}/pairing-capacity`, { session: s.huocheng, body: { capacity: 2 } }), 403, 'forbidden')
})

test('refusals: schools, teachers and inspectors; another region; bad fields named in Chinese', async () => {
  const body = { region: '421222', year: 2026, dimension: 'teachers' }
  assertError(await proposePairings(body, s.wantou), 403, 'forbidden')
  assertError(await proposePairings(body, s.shiyan), 403, 'forbidden')
  assertError(await proposePairings(body, s.teacher1), 403, 'forbidden')
  assertError(await proposePairings(body, s.inspector), 403, 'forbidden')
  assertError(await proposePairings(body, s.huocheng), 403, 'forbidden', ['region'])
  const noDim = await proposePairings({ region: '421222', year: 2026 })
  assertError(noDim, 422, 'validation', ['dimension'])
  assert.match(noDim.json.error.fields.dimension, /结对维度（dimension）/)
  const noRegion = await proposePairings({ year: 2026, dimension: 'teachers' })
  assertError(noRegion, 422, 'validation', ['region'])
  assert.match(noRegion.json.error.fields.region, /行政区划（region）/)
  assertError(await proposePairings({ region: '999999', dimension: 'teachers' }), 422, 'validation', ['region'])
  assertError(await proposePairings({ region: '421222', year: 'last', dimension: 'teachers' }), 422, 'validation', ['year'])
  // Runs of another region are not there for a bureau.
  const run = assertOk(await proposePairings(body), 201)
  assertError(await h.get(`/api/v1/recommendations/runs/${run.id}`, { session: s.huocheng }), 404, 'not_found')
  assertError(await h.post('/api/v1/recommendations/accept', { ids: [run.proposals[0].id], program: id.program }, { session: s.huocheng }), 403, 'forbidden')
  assertError(await h.post('/api/v1/recommendations/accept', { ids: [] }, { session: s.tongcheng }), 422, 'validation', ['ids'])
  assertError(await h.post('/api/v1/recommendations/accept', { ids: [run.proposals[0].id] }, { session: s.tongcheng }), 422, 'validation', ['program'])
  assertError(await h.post('/api/v1/recommendations/reject', { ids: [run.proposals[0].id], reason: 'x' }, { session: s.wantou }), 403, 'forbidden')
})

test('dispatch plan: volunteers to a batch\'s needs within the sender share; unmet needs with the reason; accepting creates the assignment', async () => {
  const batch = assertOk(await h.post('/api/v1/dispatch/batches', {
    program: id.program, name: '推荐测试支教批次', sendoff_date: '2026-09-01', planned_count: 2,
  }, { session: s.tongcheng }), 201)
  const staff = []
  for (let i = 0; i < 5; i++) {
    staff.push(assertOk(await h.post('/api/v1/staff', {
      name: `推荐测试数学教师${i}`, gender: 'female', institution: id['通城县实验小学'], role: 'teacher', subjects: ['math'],
      title: 'intermediate', backbone: i === 0 ? 'county' : 'none', years_teaching: 8, health: 'good', birth_date: '1988-01-01',
    }, { session: s.tongcheng }), 201).id)
  }
  assertOk(await h.api('PUT', `/api/v1/dispatch/batches/${batch.id}/volunteers`, { session: s.tongcheng, body: { staff } }))
  const bad = await h.api('PUT', `/api/v1/dispatch/batches/${batch.id}/needs`, { session: s.tongcheng, body: { needs: [{ recipient: id['五里镇湾头小学'], subject: 'maths', number: 0 }] } })
  assertError(bad, 422, 'validation', ['needs[0].subject', 'needs[0].number', 'needs[0].school_year'])
  const needs = assertOk(await h.api('PUT', `/api/v1/dispatch/batches/${batch.id}/needs`, {
    session: s.tongcheng,
    body: { needs: [
      { recipient: id['五里镇湾头小学'], subject: 'math', number: 3, school_year: '2026-2027' },
      { recipient: id['推荐测试薄弱小学甲'], subject: 'english', number: 1, school_year: '2026-2027' },
    ] },
  })).items
  assert.equal(needs.length, 2)

  assertError(await h.post('/api/v1/recommendations/dispatch', {}, { session: s.tongcheng }), 422, 'validation', ['batch'])
  assertError(await h.post('/api/v1/recommendations/dispatch', { batch: batch.id }, { session: s.wantou }), 403, 'forbidden')
  const run = assertOk(await h.post('/api/v1/recommendations/dispatch', { batch: batch.id }, { session: s.tongcheng }), 201)
  assert.equal(run.batch, batch.id)
  // 6 math teachers by role at 实验小学 (陈晓燕 and these five; the principal is not counted):
  // 30 % of 6 → 1 may go.
  assert.equal(run.proposals.length, 1, JSON.stringify(run.proposals))
  const p = run.proposals[0]
  assert.equal(p.recipient, id['五里镇湾头小学'])
  assert.equal(p.staff, staff[0], 'the backbone teacher goes to the larger gap')
  assert.ok(p.reasons.includes('学科对口：数学'), p.reasons.join('；'))
  assert.ok(p.reasons.some((r) => /外派 1\/6 人，不超过 30%/.test(r)), p.reasons.join('；'))
  const math = run.unmatched.find((u) => u.subject === 'math')
  assert.equal(math.missing, 2)
  assert.match(math.reason, /比例限制/)
  const english = run.unmatched.find((u) => u.subject === 'english')
  assert.match(english.reason, /没有符合选派条件的英语志愿者/)

  const done = assertOk(await h.post('/api/v1/recommendations/accept', { ids: [p.id] }, { session: s.tongcheng })).items[0]
  const assignment = assertOk(await h.get(`/api/v1/dispatch/assignments/${done.result}`, { session: s.tongcheng }))
  assert.equal(assignment.staff, staff[0])
  assert.equal(assignment.batch, batch.id)
  assert.equal(assignment.start_date, '2026-09-01')
  assert.equal(assignment.end_date, '2027-07-15')
  assert.match(assignment.note, /学科对口：数学/)
  // Now away: the next plan has no room at 实验小学 for math.
  const next = assertOk(await h.post('/api/v1/recommendations/dispatch', { batch: batch.id }, { session: s.tongcheng }), 201)
  assert.equal(next.proposals.length, 0)
})

test('a school without coordinates is placed at its township\'s, once the township has them', async () => {
  const school = assertOk(await h.post('/api/v1/institutions', {
    name: '推荐测试无坐标薄弱小学', kind: 'primary', locality: 'rural', region: '421222105', weak: true, student_count: 60,
  }, { session: s.tongcheng }), 201)
  const reasonOf = async () => {
    const run = assertOk(await proposePairings({ region: '421222', year: 2026, dimension: 'medical_technique' }), 201)
    return run.proposals.find((p) => p.recipient === school.id)
  }
  // medical_technique: no school has a pairing on it; the fallback by region first.
  assert.match((await reasonOf()).reasons[0], /同一县区（无坐标|同一乡镇（无坐标/)
  assertError(await h.patch('/api/v1/regions/421222105', { latitude: 29.21 }, { session: s.tongcheng }), 422, 'validation', ['longitude'])
  const township = assertOk(await h.patch('/api/v1/regions/421222105', { latitude: 29.2131, longitude: 113.7724 }, { session: s.tongcheng }))
  assert.equal(township.latitude, 29.2131)
  assert.match((await reasonOf()).reasons[0], /^距离 [\d.]+ km$/)
})
