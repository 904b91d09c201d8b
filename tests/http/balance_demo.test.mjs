// The demo's balance index (data/demo/balance.json, data/demo/README.md "Demo balance index"):
// 通城县 fails in 2024-2025 and passes in 2025-2026 once 五里镇湾头小学 reaches the standards;
// 叶集区 fails both years, in 2025-2026 only because of its small rural primary schools, while
// its paired recipients improved. Figures checked by hand against the README's table.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { assertOk, readXlsxRows, readZip, setup } from './harness.mjs'

let h
let s
before(async () => {
  h = await setup({ fullDemo: true })
  s = await h.loginAll(['admin', 'tongcheng', 'yeji'])
})
after(async () => {
  await h?.close()
})

const county = async (region, year, session = s.admin) =>
  assertOk(await h.get(`/api/v1/balance?region=${region}&year=${year}`, { session }))
const stage = (b, key) => b.stages.find((x) => x.stage === key)
const indicator = (st, key) => st.indicators.find((x) => x.key === key)
const school = (st, name) => st.schools.find((x) => x.name === name)
const close = (actual, expected, digits = 4, what = '') =>
  assert.ok(Math.abs(actual - expected) < 10 ** -digits, `${what}: ${actual} is not ${expected}`)

test('通城县: fails in 2024-2025 on 湾头小学 alone, passes in 2025-2026', async () => {
  const before = await county('421222', 2024, s.tongcheng)
  assert.equal(before.verdict, 'fail')
  const p0 = stage(before, 'primary')
  assert.ok(p0.indicators.every((i) => i.pass), 'every CV within 0.50')
  assert.equal(p0.schools_passing, 1)
  const wantou0 = school(p0, '五里镇湾头小学')
  assert.equal(wantou0.pass, false)
  assert.equal(wantou0.missed.length, 7)
  // 6 teachers above the required degree for 179 pupils: 3.35 per 100 (standard 4.2).
  close(wantou0.values.degree_teachers, 6 / 179 * 100, 6, 'degree teachers')

  const now = await county('421222', 2025, s.tongcheng)
  assert.equal(now.verdict, 'pass')
  const p1 = stage(now, 'primary')
  assert.deepEqual(now.stages.map((x) => x.stage), ['primary'])
  assert.equal(p1.students, 2640 + 186)
  assert.equal(p1.schools_passing, 2)
  // The multimedia classrooms by hand: 66 for 2640 pupils (2.5 per 100), 5 for 186 (2.688…).
  const x = [66 / 2640 * 100, 5 / 186 * 100]
  const w = [2640 / 2826, 186 / 2826]
  const mean = w[0] * x[0] + w[1] * x[1]
  const sd = Math.sqrt(w[0] * (x[0] - mean) ** 2 + w[1] * (x[1] - mean) ** 2)
  close(indicator(p1, 'multimedia_rooms').mean, mean, 6, 'mean')
  close(indicator(p1, 'multimedia_rooms').cv, sd / mean, 6, 'cv')
  close(indicator(p1, 'multimedia_rooms').cv, 0.0186, 4, 'cv as in the README')
  // The equipment: 395,000 yuan for 186 pupils.
  close(school(p1, '五里镇湾头小学').values.equipment, 395000 / 186, 6, 'equipment per pupil')
  // 湾头小学 is weak and not yet paired (its pairing starts in September 2026).
  const effect = now.pairing_effect.stages.find((x) => x.stage === 'primary')
  assert.equal(effect.paired.schools, 0)
  assert.equal(effect.unpaired_weak.schools, 1)
  close(effect.unpaired_weak.mean_change.multimedia_rooms, 5 / 186 * 100 - 2 / 179 * 100, 6, 'change')
})

test('叶集区: fails both years; in 2025-2026 its junior stage passes and five small rural schools hold it back', async () => {
  const before = await county('341504', 2024, s.yeji)
  assert.equal(before.verdict, 'fail')
  const j0 = stage(before, 'junior')
  // Backbone teachers were concentrated in the 实验学校's junior part: the CV misses 0.45.
  assert.equal(indicator(j0, 'backbone_teachers').pass, false)
  close(indicator(j0, 'backbone_teachers').cv, 0.539, 3, 'junior backbone CV 2024-2025')
  assert.equal(j0.schools_passing, 1)
  assert.equal(stage(before, 'primary').schools_passing, 3)

  const now = await county('341504', 2025, s.yeji)
  assert.equal(now.verdict, 'fail')
  const p1 = stage(now, 'primary')
  const j1 = stage(now, 'junior')
  assert.equal(j1.pass, true)
  assert.equal(j1.schools_passing, 4)
  // 第一中学's seven backbone teachers at 三元中学 (5 → 12): the junior CV is back within 0.45.
  assert.equal(indicator(j1, 'backbone_teachers').pass, true)
  close(indicator(j1, 'backbone_teachers').cv, 0.173, 3, 'junior backbone CV 2025-2026')
  // The primary CVs are all within 0.50, but only 4 of 9 schools reach the standards.
  assert.ok(p1.indicators.every((i) => i.pass))
  assert.equal(p1.cv_pass, true)
  assert.equal(p1.pass, false)
  assert.equal(p1.schools_passing, 4)
  const failing = p1.schools.filter((x) => !x.pass).map((x) => x.name).sort()
  assert.deepEqual(failing, ['三元镇资源小学', '三元镇龙塘小学', '孙岗乡段岗小学', '孙岗乡竹园小学', '平岗街道龙冲小学'].sort())
  // The nine-year school is split 1 : 1.1: its primary part has 2000 / (2000 + 1.1 × 1200) of
  // its 198 qualified teachers.
  const exp = school(p1, '叶集区实验学校')
  assert.equal(exp.split, true)
  close(exp.values.degree_teachers, 198 * (2000 / (2000 + 1.1 * 1200)) / 2000 * 100, 6, 'split')
  // 资源小学: no PE or arts teacher for 96 pupils.
  assert.ok(school(p1, '三元镇资源小学').below_floor.includes('pe_arts_teachers'))
  // Every weak school of 叶集区 is a pairing recipient: the paired group holds them all.
  for (const st of ['primary', 'junior']) {
    const e = now.pairing_effect.stages.find((x) => x.stage === st)
    assert.equal(e.paired.schools, st === 'primary' ? 6 : 3, st)
    assert.equal(e.unpaired_weak.schools, 0, st)
    assert.ok(e.paired.mean_change.backbone_teachers > 0, `${st}: the recipients gained backbone teachers`)
  }
})

test('the counties side by side and the demo loads only once', async () => {
  const anhui = assertOk(await h.get('/api/v1/balance/counties?region=341500&year=2025', { session: s.admin }))
  assert.deepEqual(anhui.counties.map((c) => [c.name, c.verdict]), [['叶集区', 'fail']])
  const hubei = assertOk(await h.get('/api/v1/balance/counties?region=421200&year=2025', { session: s.admin }))
  assert.deepEqual(hubei.counties.map((c) => [c.name, c.verdict]), [['通城县', 'pass']])
  const trend = assertOk(await h.get('/api/v1/balance/trend?region=421222', { session: s.tongcheng }))
  assert.match(JSON.stringify(trend), /2024/)
  // 28 school years, each audited once as a create by the demo.
  const audit = assertOk(await h.get('/api/v1/audit?entity=school_conditions&page_size=100', { session: s.admin }))
  assert.equal(audit.total, 28)
  assert.ok(audit.items.every((e) => e.action === 'create'))
})

const summary = (scope, year, session, extra = '') =>
  h.get(`/api/v1/reports/summary?scope=${scope}&year=${year}${extra}`, { session })
const balanceOf = (report) => report.sections.find((x) => x.key === 'balance')
const figure = (section, key) => section.figures.find((f) => f.key === key).value

test('the yearly summary of a county shows the school year ending in it; of a city its counties; none without inputs', async () => {
  // 2026: the school year 2025-2026, which 通城县 passes.
  const r2026 = assertOk(await summary('region:421222', 2026, s.tongcheng))
  const b = balanceOf(r2026)
  assert.ok(b, 'a balance section')
  assert.equal(b.title, '七、均衡发展（优质均衡）')
  assert.match(b.summary, /^2025-2026 学年，通城县义务教育资源配置达到优质均衡要求。/)
  assert.match(b.summary, /上一学年（2024-2025）：资源配置未达到优质均衡要求/)
  assert.equal(figure(b, 'balance.schools_passing'), 2)
  assert.equal(figure(b, 'balance.indicators_within_limit'), 7)
  const cv = b.tables.find((t) => t.key === 'balance.cv')
  const rooms = cv.rows.find((r) => r[1].includes('网络多媒体教室'))
  assert.deepEqual([rooms[2], rooms[3], rooms[4], rooms[5]], ['0.019', '0.50', '达标', '0.138'])
  assert.equal(b.tables.find((t) => t.key === 'balance.lagging'), undefined)
  // 2025: the school year 2024-2025, with 湾头小学 missing all seven standards.
  const b2025 = balanceOf(assertOk(await summary('region:421222', 2025, s.tongcheng)))
  assert.match(b2025.summary, /^2024-2025 学年，通城县义务教育资源配置未达到优质均衡要求。/)
  const lagging = b2025.tables.find((t) => t.key === 'balance.lagging')
  assert.deepEqual(lagging.rows.map((r) => [r[1], r[2]]), [['五里镇湾头小学', '7']])
  // 叶集区 2026: the five small schools, most standards missed first.
  const yj = balanceOf(assertOk(await summary('region:341504', 2026, s.yeji)))
  const yjLagging = yj.tables.find((t) => t.key === 'balance.lagging').rows
  assert.equal(yjLagging.length, 5)
  assert.equal(yjLagging[0][1], '三元镇资源小学')
  // A city: its counties' verdicts. A province above both has no county of 叶集区's.
  const city = balanceOf(assertOk(await summary('region:421200', 2026, s.admin)))
  assert.deepEqual(city.tables[0].rows.map((r) => [r[0], r[4]]), [['通城县', '资源配置达到优质均衡要求']])
  assert.equal(figure(city, 'balance.counties_passing'), 1)
  // No inputs for 2023-2024, none at all in 霍城县: no section.
  assert.equal(balanceOf(assertOk(await summary('region:421222', 2024, s.tongcheng))), undefined)
  assert.equal(balanceOf(assertOk(await summary('region:654023', 2026, s.admin))), undefined)
})

test('the section in Word, print and Excel, and a locked report keeps its frozen figures', async () => {
  const docx = await summary('region:421222', 2026, s.tongcheng, '&format=docx')
  assert.equal(docx.status, 200)
  const doc = readZip(docx.bytes).get('word/document.xml').toString('utf8')
  assert.ok(doc.includes('七、均衡发展（优质均衡）'))
  assert.ok(doc.includes('差异系数'))
  const html = await summary('region:421222', 2026, s.tongcheng, '&format=html')
  assert.match(html.text, /七、均衡发展（优质均衡）/)
  const xlsx = await summary('region:421222', 2026, s.tongcheng, '&format=xlsx')
  const rows = readXlsxRows(xlsx.bytes)
  assert.ok(rows.some((r) => r[1] === '达到办学标准的学校（学段）' && r[2] === '2'), 'the figure on sheet one')

  const q = '?scope=region:421222&year=2026'
  const before = assertOk(await summary('region:421222', 2026, s.tongcheng))
  assertOk(await h.post(`/api/v1/reports/lock${q}`, {}, { session: s.tongcheng }))
  // 湾头小学's multimedia classrooms corrected down after the lock: the county fails again live…
  const wantou = assertOk(await h.get('/api/v1/institutions?q=' + encodeURIComponent('五里镇湾头小学'), { session: s.tongcheng })).items[0].id
  const current = assertOk(await h.get(`/api/v1/institutions/${wantou}/conditions?school_year=2025-2026`, { session: s.tongcheng })).conditions
  const body = Object.fromEntries(['primary_students', 'junior_students', 'degree_teachers', 'backbone_teachers', 'pe_arts_teachers', 'room_area_m2', 'sports_area_m2', 'equipment_value_fen', 'multimedia_rooms'].map((k) => [k, current[k]]))
  assertOk(await h.api('PUT', `/api/v1/institutions/${wantou}/conditions?school_year=2025-2026`, { session: s.tongcheng, body: { ...body, multimedia_rooms: 2, degree_teachers: 6 } }))
  assert.equal((await county('421222', 2025, s.tongcheng)).verdict, 'fail')
  // …but the locked report keeps the figures it was locked with.
  const frozen = assertOk(await summary('region:421222', 2026, s.tongcheng))
  assert.equal(frozen.locked, true)
  assert.deepEqual(balanceOf(frozen), balanceOf(before))
  assert.match(balanceOf(frozen).summary, /达到优质均衡要求。/)
  // Restore the demo's figures for the other tests of this file.
  assertOk(await h.api('PUT', `/api/v1/institutions/${wantou}/conditions?school_year=2025-2026`, { session: s.tongcheng, body }))
})
