// The "people helped" section of the yearly reports over HTTP on the demo data: every figure
// checked here is computed in this file from data/demo/beneficiaries.json and aid.json,
// independently of Bangfu; the scope keeps other regions' records out; the Word, HTML and Excel
// outputs carry the figures and never a beneficiary's name or ID number; the dashboard series
// agree with the summary.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, test } from 'node:test'

import { ROOT, assertOk, readXlsxRows, readZip, setup } from './harness.mjs'

const people = JSON.parse(fs.readFileSync(path.join(ROOT, 'data', 'demo', 'beneficiaries.json'), 'utf8'))
const aid = JSON.parse(fs.readFileSync(path.join(ROOT, 'data', 'demo', 'aid.json'), 'utf8'))

const TIELUKENG = '@dg_tielukeng'
const casesOf = (institution) => aid.cases.filter((c) => c.institution === institution)
const recordsOf = (institution, year) =>
  casesOf(institution).flatMap((c) => c.records.filter((r) => r.record_date.startsWith(String(year))))
const beneficiariesWithKind = (institution, kind) =>
  casesOf(institution).filter((c) => c.records.some((r) => r.kind === kind)).length
// People (not records): the distinct beneficiaries with a record of the year that matches.
const peopleWith = (institution, year, match) =>
  new Set(casesOf(institution)
    .filter((c) => c.records.some((r) => r.record_date.startsWith(String(year)) && match(r)))
    .map((c) => c.beneficiary)).size

let h
let s
const instId = {}
before(async () => {
  h = await setup({ fullDemo: true })
  s = await h.loginAll(['admin', 'pengzhou', 'tongcheng', 'huocheng'])
  for (const x of (await h.get('/api/v1/institutions?page_size=200', { session: s.admin })).json.items) instId[x.name] = x.id
})
after(async () => {
  await h?.close()
})

const summary = (scope, year, session, extra = '') =>
  h.get(`/api/v1/reports/summary?scope=${scope}&year=${year}${extra}`, { session })
const figures = (report) => Object.fromEntries(report.sections.flatMap((x) => x.figures).map((f) => [f.key, f.value]))

test('企石镇 (铁炉坑村) 2026: 16 households, 7 counselled, 2 tuition exemptions, 6 work-study places, 6 employed at ≥ 2,000 yuan', async () => {
  const records = recordsOf(TIELUKENG, 2026)
  const households = people.households.filter((x) => x.institution === TIELUKENG).length
  const expected = {
    'people.households': households,
    'people.students': 0,
    'aid.cases': casesOf(TIELUKENG).length,
    'aid.records': records.length,
    'aid.home_visits': records.filter((r) => r.kind === 'home_visit').length,
    'aid.counselled': beneficiariesWithKind(TIELUKENG, 'counselling'),
    'aid.tuition_exemptions': records.filter((r) => r.kind === 'tuition_exemption').length,
    'aid.work_study_places': records.filter((r) => r.kind === 'work_study').length,
    'aid.people_employed': peopleWith(TIELUKENG, 2026, (r) => r.kind === 'job_placement'),
    'aid.employed_at_2000': peopleWith(TIELUKENG, 2026, (r) => r.kind === 'job_placement' && r.monthly_wage_fen >= 200000),
    'aid.amount_fen': records.reduce((t, r) => t + (r.amount_fen || 0), 0),
  }
  // The seed's own figures, as a check on the demo data itself.
  assert.deepEqual(
    [households, expected['aid.counselled'], expected['aid.tuition_exemptions'], expected['aid.work_study_places'], expected['aid.employed_at_2000']],
    [16, 7, 2, 6, 6])
  for (const scope of ['region:441900105', 'region:441900', `institution:${instId['企石镇铁炉坑村']}`]) {
    const r = assertOk(await summary(scope, 2026, s.admin))
    const f = figures(r)
    for (const [key, value] of Object.entries(expected)) assert.equal(f[key], value, `${scope} ${key}`)
    assert.equal(f['people.beneficiaries'], households)
    const section = r.sections.find((x) => x.key === 'people_helped')
    assert.match(section.summary, /困难家庭 16 户/)
    assert.match(section.summary, /7 人接受心理疏导/)
  }
  // No other year counts them.
  const f2025 = figures(assertOk(await summary('region:441900105', 2025, s.admin)))
  assert.equal(f2025['people.households'], 0)
  assert.equal(f2025['aid.records'], 0)
})

test('a report for a scope never counts records outside it', async () => {
  // 通城县 (421222): its own pupils only — none of 铁炉坑村's households or of 青禾县's pupils.
  const tcInstitutions = new Set(['@tc_wantou', '@tc_school', '@tc_shiyan'].filter((k) => aid.cases.some((c) => c.institution === k)))
  const tcCases = aid.cases.filter((c) => tcInstitutions.has(c.institution))
  const f = figures(assertOk(await summary('region:421222', 2026, s.tongcheng)))
  assert.equal(f['people.households'], 0)
  const running = tcCases.filter((c) => c.start_date <= '2026-12-31' && (!c.end_date || c.end_date >= '2026-01-01'))
  assert.equal(f['aid.cases'], running.length)
  assert.equal(f['aid.records'], tcCases.flatMap((c) => c.records).filter((r) => r.record_date.startsWith('2026')).length)
  assert.equal(f['aid.counselled'], 0)
  // 霍城县 sees none of 东莞's (its own region only); 东莞's township is not its to report on.
  const hc = figures(assertOk(await summary('region:654023', 2026, s.huocheng)))
  assert.equal(hc['people.households'], 0)
  assert.equal(hc['aid.employed_at_2000'], 0)
  assert.equal((await summary('region:441900105', 2026, s.huocheng)).status, 404)
})

test('the "9+3" program in 2025: 198 inbound students, 63 / 74 / 61 by grade', async () => {
  const programName = people.programs[0].name
  const cohorts = people.inbound_cohorts.filter((k) => k.program === programName && k.school_year === 2025)
  const byGrade = (g) => cohorts.filter((k) => k.grade === g).reduce((t, k) => t + k.student_count, 0)
  const students = cohorts.reduce((t, k) => t + k.student_count, 0)
  const fen = (yuan) => Math.round(Number(yuan) * 100)
  const exempted = cohorts.reduce((t, k) => t + k.student_count * fen(k.fee_exemption), 0)
  assert.deepEqual([students, byGrade('高一'), byGrade('高二'), byGrade('高三')], [198, 63, 74, 61])

  const programs = assertOk(await h.get(`/api/v1/programs?q=${encodeURIComponent('免费中等职业教育')}`, { session: s.pengzhou }))
  const id = programs.items.find((p) => p.name === programName).id
  const r = assertOk(await summary(`program:${id}`, 2025, s.pengzhou))
  const f = figures(r)
  assert.equal(f['inbound.students'], students)
  assert.equal(f['inbound.fee_exemption_fen'], exempted)
  const section = r.sections.find((x) => x.key === 'people_helped')
  assert.match(section.summary, /高一 63 名、高二 74 名、高三 61 名/)
  const grades = section.tables.find((t) => t.key === 'inbound_by_grade')
  assert.deepEqual(grades.rows.map((row) => row[1]), ['63', '74', '61', '198'])
  // The region of 彭州市 counts both of its programs' cohorts; 2026 has none.
  const all = people.inbound_cohorts.filter((k) => k.school_year === 2025).reduce((t, k) => t + k.student_count, 0)
  assert.equal(figures(assertOk(await summary('region:510182', 2025, s.pengzhou)))['inbound.students'], all)
  assert.equal(figures(assertOk(await summary(`program:${id}`, 2026, s.pengzhou)))['inbound.students'], 0)
})

// Names and ID numbers of the demo's beneficiaries (students, heads of household, members,
// guardians): none may appear in a report that leaves the building.
const personal = [
  ...people.students.flatMap((x) => [x.name, x.id_number, x.guardian_name]),
  ...people.households.flatMap((x) => [x.name, x.id_number, ...(x.members || []).map((m) => m.name)]),
].filter((x) => x && x.length >= 2)

test('Word, HTML and Excel carry the figures and never a beneficiary\'s name or ID number', async () => {
  for (const [scope, year, session] of [['region:441900105', 2026, 'admin'], ['region:421222', 2026, 'tongcheng'], ['region:421222', 2020, 'tongcheng']]) {
    const html = await summary(scope, year, s[session], '&format=html')
    assert.equal(html.status, 200)
    const docx = await summary(scope, year, s[session], '&format=docx')
    assert.equal(docx.status, 200)
    const doc = readZip(docx.bytes).get('word/document.xml').toString('utf8')
    for (const p of personal) {
      assert.ok(!html.text.includes(p), `${scope} ${year}: html holds ${p}`)
      assert.ok(!doc.includes(p), `${scope} ${year}: docx holds ${p}`)
    }
  }
  const docx = await summary('region:441900105', 2026, s.admin, '&format=docx')
  const doc = readZip(docx.bytes).get('word/document.xml').toString('utf8')
  assert.ok(doc.includes('六、结对帮扶困难学生与家庭'))
  assert.ok(doc.includes('困难家庭 16 户'))

  const xlsx = await summary('region:441900105', 2026, s.admin, '&format=xlsx')
  const zip = readZip(xlsx.bytes)
  const rows = readXlsxRows(xlsx.bytes)
  assert.equal(Number(rows.find((r) => r[1] === '困难家庭')[2]), 16)
  assert.equal(Number(rows.find((r) => r[1] === '勤工助学岗位')[2]), 6)
  // One sheet per table: the people-helped tables are there by title.
  const book = zip.get('xl/workbook.xml').toString('utf8')
  for (const title of ['帮扶对象分类统计', '帮扶记录分类统计', '帮扶记录月度统计']) assert.ok(book.includes(title), title)
  // The sheet of help by kind (sheets are numbered in the workbook's order): its total row holds
  // the records and the money of the figures.
  const names = [...book.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1])
  const sheet = zip.get(`xl/worksheets/sheet${names.indexOf('帮扶记录分类统计') + 1}.xml`).toString('utf8')
  const shared = [...(zip.get('xl/sharedStrings.xml')?.toString('utf8') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''))
  const cells = (row) => [...row.matchAll(/<c [^>]*?(?:t="(\w+)")?[^>]*>(?:<v>([^<]*)<\/v>|<is><t>([^<]*)<\/t><\/is>)/g)].map((m) => (m[1] === 's' ? shared[Number(m[2])] : m[3] ?? m[2]))
  const total = [...sheet.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)].map((m) => cells(m[1])).find((r) => r[0] === '合计')
  assert.ok(total, 'the sheet has a total row')
  const records = recordsOf(TIELUKENG, 2026)
  assert.equal(Number(total[1]), records.length)
  assert.equal(Math.round(Number(total[total.length - 1]) * 100), records.reduce((t, r) => t + (r.amount_fen || 0), 0))
  for (const [name, content] of zip) {
    if (!name.startsWith('xl/')) continue
    for (const p of personal) assert.ok(!content.toString('utf8').includes(p), `xlsx ${name} holds ${p}`)
  }
})

test('the dashboard series agree with the summary', async () => {
  const d = assertOk(await h.get('/api/v1/reports/dashboard?scope=region:441900105&year=2026', { session: s.admin }))
  const f = figures(assertOk(await summary('region:441900105', 2026, s.admin)))
  const p = d.people_helped
  assert.ok(p.figures.length >= 10)
  for (const x of p.figures) {
    if (x.key.startsWith('aid.overdue')) continue  // as of today: may move between two requests at midnight
    assert.equal(x.value, f[x.key], x.key)
  }
  const sum = (rows, k) => rows.reduce((t, r) => t + r[k], 0)
  assert.equal(p.aid_by_month.length, 12)
  assert.equal(sum(p.aid_by_month, 'records'), f['aid.records'])
  assert.equal(sum(p.aid_by_kind, 'records'), f['aid.records'])
  assert.equal(sum(p.aid_by_month, 'amount_fen'), f['aid.amount_fen'])
  const records = recordsOf(TIELUKENG, 2026)
  const march = records.filter((r) => r.record_date.startsWith('2026-03')).length
  assert.equal(p.aid_by_month.find((m) => m.key === '2026-03').records, march)
  const category = (c) => people.households.filter((x) => x.institution === TIELUKENG && x.categories.includes(c)).length
  const byCategory = Object.fromEntries(p.beneficiaries_by_category.map((c) => [c.key, c.households]))
  assert.equal(byCategory.registered_poor, category('registered_poor'))
  assert.equal(byCategory.subsistence, category('subsistence'))
  assert.equal(typeof p.overdue.cadences, 'number')
  assert.match(p.overdue.link, /^\/aid\/alerts\?region=441900105&as_of=\d{4}-\d{2}-\d{2}$/)
  const serialised = JSON.stringify(d)
  for (const x of personal) assert.ok(!serialised.includes(x), `dashboard holds ${x}`)
})
