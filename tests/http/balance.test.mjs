// The balance index (优质均衡, issue 13) over HTTP: a school's inputs (defaults from the registry,
// field-level refusals that change nothing), a county's table computed as by hand, the verdict
// moving when a school improves, the pairing effect, counties side by side, trends, policies per
// region, and the data scope of every role (reads out of scope 404, writes 403).
//
// Figures: 通城县 (421222) has two schools taking part, 通城县实验小学 (2640 pupils) and 五里镇湾头小学
// (186 pupils, weak; paired here with 实验小学 from 2026-09-01, as in the seeds). The school years used here (2022-2023,
// 2023-2024, 2026-2027, 2027-2028) hold no demo inputs. Expected CVs were computed by hand
// (Python, DESIGN.md §5's formula).
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { assertError, assertOk, setup } from './harness.mjs'
import { createPairing, createProgram } from './work_setup.mjs'

let h
let s
const id = {}
before(async () => {
  h = await setup()
  s = await h.loginAll(['admin', 'tongcheng', 'huocheng', 'wantou', 'shiyan', 'teacher1', 'inspector', 'yeji'])
  for (const name of ['通城县实验小学', '五里镇湾头小学', '通城县教育局', '叶集区第二小学']) {
    const page = assertOk(await h.get(`/api/v1/institutions?q=${encodeURIComponent(name)}`, { session: s.admin }))
    id[name] = page.items.find((x) => x.name === name).id
  }
})
after(async () => {
  await h?.close()
})

const put = (path, body, session) => h.api('PUT', path, { session, body })
const conditions = (name, year) => `/api/v1/institutions/${id[name]}/conditions?school_year=${year}-${year + 1}`

// 实验小学: every standard reached (5.68 degree teachers per 100 pupils, 2,500 yuan per pupil, …).
const STRONG = {
  primary_students: 2640, junior_students: 0, degree_teachers: 150, backbone_teachers: 40, pe_arts_teachers: 30,
  room_area_m2: 13200, sports_area_m2: 26400, equipment_value_fen: 660000000, multimedia_rooms: 66,
}
// 湾头小学 before: misses five standards, two below 85 %.
const WEAK = {
  primary_students: 186, junior_students: 0, degree_teachers: 8, backbone_teachers: 1, pe_arts_teachers: 1,
  room_area_m2: 760.5, sports_area_m2: 1500, equipment_value_fen: 33000000, multimedia_rooms: 4,
}
// 湾头小学 a year later: every standard reached.
const IMPROVED = { ...WEAK, degree_teachers: 10, backbone_teachers: 2, pe_arts_teachers: 2, room_area_m2: 900, equipment_value_fen: 40000000, multimedia_rooms: 5 }

const cv = (stage, key) => stage.indicators.find((i) => i.key === key)
const near = (a, b, eps = 1e-5) => assert.ok(Math.abs(a - b) < eps, `${a} ≉ ${b}`)

test('a school\'s inputs: defaults from the registry, saved as typed, audited', async () => {
  const blank = assertOk(await h.get(conditions('五里镇湾头小学', 2022), { session: s.wantou }))
  assert.equal(blank.entered, false)
  assert.equal(blank.takes_part, true)
  assert.equal(blank.school_year, '2022-2023')
  assert.equal(blank.conditions, null)
  assert.equal(blank.defaults.students.value, 186)
  assert.match(blank.defaults.students.source, /186/)
  assert.equal(typeof blank.defaults.backbone_teachers.value, 'number')
  assert.match(blank.defaults.pe_arts_teachers.source, /教职工名册/)

  // The school's own admin enters its figures.
  const saved = assertOk(await put(conditions('五里镇湾头小学', 2022), WEAK, s.wantou))
  assert.equal(saved.entered, true)
  assert.equal(saved.conditions.room_area_m2, 760.5)
  assert.equal(saved.conditions.equipment_value_fen, 33000000)
  assert.equal(saved.conditions.updated_by_name, '五里镇湾头小学')
  const next = assertOk(await h.get(conditions('五里镇湾头小学', 2023), { session: s.wantou }))
  assert.equal(next.entered, false)
  assert.equal(next.previous.school_year, '2022-2023') // the form's prefill

  const audit = assertOk(await h.get('/api/v1/audit?entity=school_conditions&page_size=50', { session: s.admin }))
  const entry = audit.items.find((e) => e.entity_id === `${id['五里镇湾头小学']}:2022-2023`)
  assert.ok(entry, 'the write is in the audit log')
  assert.equal(entry.action, 'create')
})

test('bad inputs are refused field by field and change nothing', async () => {
  const path = conditions('五里镇湾头小学', 2022)
  const before = assertOk(await h.get(path, { session: s.tongcheng })).conditions
  const cases = [
    [{ ...WEAK, degree_teachers: -1 }, ['degree_teachers']],
    [{ ...WEAK, backbone_teachers: '三' }, ['backbone_teachers']],
    [{ ...WEAK, room_area_m2: 760.555 }, ['room_area_m2']],
    [{ ...WEAK, primary_students: 0 }, ['primary_students']],
    [{ ...WEAK, junior_students: 30 }, ['junior_students']], // a primary school has no junior pupils
    [{ ...WEAK, sports_area_m2: undefined }, ['sports_area_m2']], // every field is required
    [{ ...WEAK, lawn_m2: 5 }, ['lawn_m2']],
  ]
  for (const [body, fields] of cases) {
    const res = await put(path, body, s.tongcheng)
    assertError(res, 422, 'validation', fields)
  }
  const res = await put(path, { ...WEAK, room_area_m2: 1.234 }, s.tongcheng)
  assert.match(res.json.error.fields.room_area_m2, /最多保留两位小数/)
  assert.deepEqual(assertOk(await h.get(path, { session: s.tongcheng })).conditions, before)
  // A bureau is not a school: it does not take part.
  assertError(await put(`/api/v1/institutions/${id['通城县教育局']}/conditions?school_year=2022-2023`, WEAK, s.tongcheng),
    422, 'validation', ['institution'])
  // The school year is named.
  assertError(await put(`/api/v1/institutions/${id['五里镇湾头小学']}/conditions`, WEAK, s.tongcheng), 422, 'validation', ['school_year'])
  assertError(await put(`/api/v1/institutions/${id['五里镇湾头小学']}/conditions?school_year=2022-2024`, WEAK, s.tongcheng), 400, 'malformed')
})

test('data scope: reads out of scope 404, writes 403, read-only roles 403', async () => {
  const path = conditions('五里镇湾头小学', 2022)
  assertError(await h.get(path, { session: s.huocheng }), 404, 'not_found')
  assertError(await put(path, WEAK, s.huocheng), 403, 'forbidden')
  assertError(await put(path, WEAK, s.inspector), 403, 'forbidden')
  assertError(await put(path, WEAK, s.teacher1), 403, 'forbidden')
  // Another school's admin.
  assertError(await put(path, WEAK, s.shiyan), 403, 'forbidden')
  assertError(await h.get(`/api/v1/balance?region=421222&year=2022`, { session: s.huocheng }), 404, 'not_found')
  assertError(await h.get(`/api/v1/balance?region=421222&year=2022`, { session: s.wantou }), 404, 'not_found')
  assertError(await h.get(`/api/v1/balance/counties?region=421200&year=2022`, { session: s.tongcheng }), 404, 'not_found')
  assertError(await h.get(`/api/v1/institutions/${id['五里镇湾头小学']}/balance`, { session: s.yeji }), 404, 'not_found')
  assertError(await h.get('/api/v1/balance?region=999999', { session: s.admin }), 404, 'not_found')
  assertError(await h.get('/api/v1/balance', { session: s.admin }), 400, 'malformed')
})

test('a county\'s table: incomplete, then failing, then passing as the weak school improves', async () => {
  // Only 湾头 has inputs for 2022-2023: 实验小学 is missing.
  let t = assertOk(await h.get('/api/v1/balance?region=421222&year=2022', { session: s.inspector }))
  assert.equal(t.verdict, 'incomplete')
  assert.deepEqual(t.missing.map((m) => m.name), ['通城县实验小学'])

  assertOk(await put(conditions('通城县实验小学', 2022), STRONG, s.tongcheng))
  t = assertOk(await h.get('/api/v1/balance?region=421222&year=2022', { session: s.inspector }))
  assert.equal(t.region, '421222')
  assert.equal(t.region_name, '通城县')
  assert.equal(t.school_year, '2022-2023')
  assert.equal(t.verdict, 'fail')
  assert.equal(t.stages.length, 1)
  const primary = t.stages[0]
  assert.equal(primary.stage, 'primary')
  assert.equal(primary.students, 2826)
  assert.equal(primary.cv_pass, true) // every CV within 0.50 …
  assert.equal(primary.schools_passing, 1) // … but 湾头 misses five standards
  near(cv(primary, 'backbone_teachers').cv, 0.16707)
  near(cv(primary, 'backbone_teachers').mean, 1.450814)
  near(cv(primary, 'equipment').cv, 0.073392)
  assert.equal(cv(primary, 'degree_teachers').limit, 0.5)
  const weak = primary.schools.find((x) => x.name === '五里镇湾头小学')
  assert.deepEqual(weak.missed, ['backbone_teachers', 'pe_arts_teachers', 'room_area', 'equipment', 'multimedia_rooms'])
  assert.deepEqual(weak.below_floor, ['backbone_teachers', 'pe_arts_teachers'])
  assert.equal(weak.pass, false)
  near(weak.values.room_area, 760.5 / 186)
  assert.equal(t.pairing_effect, null) // no inputs the year before

  assertOk(await put(conditions('通城县实验小学', 2023), STRONG, s.tongcheng))
  assertOk(await put(conditions('五里镇湾头小学', 2023), IMPROVED, s.wantou))
  t = assertOk(await h.get('/api/v1/balance?region=421222&year=2023', { session: s.tongcheng }))
  assert.equal(t.verdict, 'pass')
  near(cv(t.stages[0], 'backbone_teachers').cv, 0.073392)
  assert.equal(t.previous.verdict, 'fail')
  // 湾头 is weak and was not paired in 2023-2024 (its pairing starts 2026-09-01).
  const effect = t.pairing_effect.stages[0]
  assert.equal(t.pairing_effect.previous_year, 2022)
  assert.equal(effect.paired.schools, 0)
  assert.equal(effect.unpaired_weak.schools, 1)
  near(effect.unpaired_weak.mean_change.degree_teachers, 1.075269)
  near(effect.unpaired_weak.mean_change.equipment, 376.344086)

  const trend = assertOk(await h.get('/api/v1/balance/trend?region=421222', { session: s.tongcheng }))
  const years = trend.years.filter((y) => y.year === 2022 || y.year === 2023)
  assert.deepEqual(years.map((y) => [y.school_year, y.verdict]), [['2022-2023', 'fail'], ['2023-2024', 'pass']])
})

test('the pairing effect: a recipient of an active pairing counts as paired', async () => {
  // The seeds' pairing of the two schools, from 2026-09-01 (as in the demo's work data).
  const program = await createProgram(h, s.tongcheng, { name: '通城县城乡学校结对帮扶（均衡测试）', region: '421222', start_date: '2026-09-01' })
  await createPairing(h, s.tongcheng, { program, supporter: id['通城县实验小学'], recipient: id['五里镇湾头小学'], start_date: '2026-09-01' })
  for (const [year, weak] of [[2026, WEAK], [2027, IMPROVED]]) {
    assertOk(await put(conditions('通城县实验小学', year), STRONG, s.tongcheng))
    assertOk(await put(conditions('五里镇湾头小学', year), weak, s.tongcheng))
  }
  const t = assertOk(await h.get('/api/v1/balance?region=421222&year=2027', { session: s.admin }))
  const effect = t.pairing_effect.stages[0]
  assert.equal(effect.paired.schools, 1)
  assert.equal(effect.unpaired_weak.schools, 0)
  near(effect.paired.mean_change.backbone_teachers, 0.537634)
})

test('a city compares its counties; a county-only read refuses a city', async () => {
  const c = assertOk(await h.get('/api/v1/balance/counties?region=421200&year=2023', { session: s.admin }))
  assert.equal(c.region_name, '咸宁市')
  const tc = c.counties.find((x) => x.region === '421222')
  assert.equal(tc.name, '通城县')
  assert.equal(tc.verdict, 'pass')
  assert.equal(tc.schools, 2)
  assert.equal(tc.stages[0].schools_passing, 2)
  near(tc.stages[0].indicators.find((i) => i.key === 'backbone_teachers').cv, 0.073392)
  assertError(await h.get('/api/v1/balance?region=421200&year=2023', { session: s.admin }), 422, 'validation', ['region'])
})

test('a school sees its own figures year by year, and the county\'s CVs, not other schools', async () => {
  const mine = assertOk(await h.get(`/api/v1/institutions/${id['五里镇湾头小学']}/balance`, { session: s.wantou }))
  assert.equal(mine.county.code, '421222')
  const y2022 = mine.years.find((y) => y.year === 2022)
  assert.equal(y2022.stages[0].pass, false)
  assert.equal(y2022.county_verdict, 'fail')
  assert.ok(y2022.stages[0].county_indicators.length === 7)
  assert.ok(!JSON.stringify(mine).includes('通城县实验小学'), 'no other school named')
  assertError(await h.get(`/api/v1/institutions/${id['通城县实验小学']}/balance`, { session: s.wantou }), 404, 'not_found')
})

test('policies: a county sets stricter limits, inherits again when it removes them', async () => {
  const inherited = assertOk(await h.get('/api/v1/balance/policy?region=421222', { session: s.tongcheng }))
  assert.equal(inherited.is_default, true)
  assert.equal(inherited.cv_limits.primary, 0.5)
  assert.equal(inherited.standards.junior.sports_area, 10.2)
  // Read-only and out-of-scope writers are refused; bad values are field errors.
  assertError(await put('/api/v1/balance/policy?region=421222', { min_students: 40 }, s.inspector), 403, 'forbidden')
  assertError(await put('/api/v1/balance/policy?region=421200', { min_students: 40 }, s.tongcheng), 403, 'forbidden')
  assertError(await put('/api/v1/balance/policy?region=421222', { cv_limits: { primary: -1 }, standards: { primary: { lawn: 1 } } }, s.tongcheng),
    422, 'validation', ['cv_limits.primary', 'standards.primary.lawn'])

  const own = assertOk(await put('/api/v1/balance/policy?region=421222', { cv_limits: { primary: 0.05 } }, s.tongcheng))
  assert.equal(own.region, '421222')
  assert.equal(own.is_default, false)
  assert.equal(own.cv_limits.primary, 0.05)
  assert.equal(own.cv_limits.junior, 0.45) // not sent: kept
  // The backbone CV of 2023-2024 (0.073) is now over the limit.
  let t = assertOk(await h.get('/api/v1/balance?region=421222&year=2023', { session: s.tongcheng }))
  assert.equal(t.verdict, 'fail')
  assert.equal(cv(t.stages[0], 'backbone_teachers').pass, false)
  assert.equal(t.policy.region, '421222')

  // A province's standard reaches its counties unless they have their own.
  assertOk(await put('/api/v1/balance/policy?region=420000', { min_indicators_met: 7 }, s.admin))
  assert.equal(assertOk(await h.get('/api/v1/balance/policy?region=421222', { session: s.tongcheng })).min_indicators_met, 6)
  const back = assertOk(await h.del('/api/v1/balance/policy?region=421222', { session: s.tongcheng }))
  assert.equal(back.region, '420000')
  assert.equal(back.min_indicators_met, 7)
  assert.equal(back.cv_limits.primary, 0.5)
  t = assertOk(await h.get('/api/v1/balance?region=421222&year=2023', { session: s.tongcheng }))
  assert.equal(t.verdict, 'pass')
  assertError(await h.del('/api/v1/balance/policy?region=421222', { session: s.tongcheng }), 404, 'not_found')
  assertOk(await h.del('/api/v1/balance/policy?region=420000', { session: s.admin }))
})

test('removing a year\'s inputs', async () => {
  assertError(await h.del(conditions('五里镇湾头小学', 2027), { session: s.huocheng }), 403, 'forbidden')
  assert.equal((await h.del(conditions('五里镇湾头小学', 2027), { session: s.wantou })).status, 204)
  assertError(await h.del(conditions('五里镇湾头小学', 2027), { session: s.wantou }), 404, 'not_found')
  let t = assertOk(await h.get('/api/v1/balance?region=421222&year=2027', { session: s.admin }))
  assert.equal(t.verdict, 'incomplete')
  assert.equal((await h.del(conditions('通城县实验小学', 2027), { session: s.tongcheng })).status, 204)
  t = assertOk(await h.get('/api/v1/balance?region=421222&year=2027', { session: s.admin }))
  assert.equal(t.verdict, 'no_data')
  assert.equal(t.missing.length, 2)
})
