// The yearly summary on paper (issue 6, "Size"): a county's lists print complete, row by row, in
// every demo report; a table longer than 200 rows prints grouped with a note in both languages
// (the preview JSON, Word and HTML), while the workbook keeps every row, also once locked.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, test } from 'node:test'

import { ROOT, assertOk, assertPage, readZip, setup } from './harness.mjs'

const registry = JSON.parse(fs.readFileSync(path.join(ROOT, 'data', 'demo', 'registry.json'), 'utf8'))
const provinces = registry.regions.filter((r) => r.level === 'province').map((r) => r.code)
// Every year the demo data has records in (the seeds' 2012–2013 and the recent years).
const years = [2012, 2013, 2020, 2021, 2022, 2023, 2024, 2025, 2026]
const LIMIT = 200

let h
let s
before(async () => {
  h = await setup({ fullDemo: true })
  s = await h.loginAll(['admin', 'tongcheng'])
})
after(async () => {
  await h?.close()
})

const summary = (scope, year, session, extra = '') =>
  h.get(`/api/v1/reports/summary?scope=${scope}&year=${year}${extra}`, { session })
const tablesOf = (report) => report.sections.flatMap((x) => x.tables)
// The data rows of each sheet of the workbook (its header row not counted), by sheet number.
function sheetRows(bytes) {
  const zip = readZip(bytes)
  return (n) => {
    const xml = zip.get(`xl/worksheets/sheet${n}.xml`)
    assert.ok(xml, `no sheet ${n}`)
    return (xml.toString('utf8').match(/<row[ >]/g) || []).length - 1
  }
}

test('every demo report prints its tables complete: none grouped, the preview rows are the workbook rows', async () => {
  let reports = 0
  let longest = 0
  for (const code of provinces) {
    for (const year of years) {
      const r = assertOk(await summary(`region:${code}`, year, s.admin))
      const xlsx = await summary(`region:${code}`, year, s.admin, '&format=xlsx')
      assert.equal(xlsx.status, 200)
      const rows = sheetRows(xlsx.bytes)
      // Sheet 1 holds the figures; then one sheet per table, in the report's order.
      tablesOf(r).forEach((t, i) => {
        assert.equal(t.note, '', `${code} ${year} ${t.key} is grouped: ${t.note}`)
        assert.equal(t.rows.length, rows(i + 2), `${code} ${year} ${t.key}: preview and workbook differ`)
        longest = Math.max(longest, t.rows.length)
      })
      reports++
    }
  }
  assert.equal(reports, provinces.length * years.length)
  assert.ok(longest > 10, `the demo reports have lists (longest table ${longest} rows)`)
  assert.ok(longest <= LIMIT)
  const html = await summary('region:421222', 2026, s.admin, '&format=html')
  assert.ok(!html.text.includes('完整清单见'))
  assert.ok(!html.text.includes('class="note"'))
})

test('201 more demonstration classes: printed grouped by subject with the note, the workbook keeps every class, also once locked', async () => {
  const staff = assertPage(await h.get('/api/v1/staff?page_size=200', { session: s.admin }), { pageSize: 200 }).items
  const insts = assertPage(await h.get('/api/v1/institutions?page_size=200', { session: s.admin }), { pageSize: 200 }).items
  const inst = (name) => insts.find((x) => x.name === name).id
  const pairings = assertPage(await h.get('/api/v1/pairings?page_size=200', { session: s.admin }), { pageSize: 200 }).items
  const pairing = pairings.find((p) => p.supporter === inst('通城县实验小学') && p.recipient === inst('五里镇湾头小学') && p.status === 'active')
  assert.ok(pairing, 'the demo pairing 通城县实验小学 → 五里镇湾头小学')
  const teacher = staff.find((x) => x.name === '李家红').id
  const before = tablesOf(assertOk(await summary('region:421222', 2026, s.tongcheng))).find((t) => t.key === 'demonstration_classes')
  const already = before ? before.rows.length : 0
  assert.ok(already + 201 > LIMIT)
  for (let i = 0; i < 201; i++) {
    assertOk(await h.post('/api/v1/activities', {
      program: pairing.program, pairing: pairing.id, type: 'demonstration_class', start_date: '2026-10-08', end_date: '2026-10-08',
      host_institution: inst('五里镇湾头小学'), visiting_institution: inst('通城县实验小学'), teachers_count: 1,
      teacher, subject: i % 3 ? 'math' : 'chinese', topic: `规模测试课${i}`, audience_size: 10 + i,
    }, { session: s.tongcheng }), 201)
  }
  const n = already + 201

  const check = async (label) => {
    const r = assertOk(await summary('region:421222', 2026, s.tongcheng))
    const t = tablesOf(r).find((x) => x.key === 'demonstration_classes')
    assert.equal(t.title, '示范课（按学科汇总）', label)
    assert.ok(t.note.includes(`本表共 ${n} 行`), t.note)
    assert.ok(t.note.includes('完整清单见 Excel 统计表'), t.note)
    assert.deepEqual(t.columns, ['学科', '节数', '听课人数'])
    const data = t.rows.slice(0, -1)
    assert.ok(data.some((row) => row[0] === '数学') && data.some((row) => row[0] === '语文'))
    assert.equal(data.reduce((sum, row) => sum + Number(row[1]), 0), n, `${label}: the counts add up`)
    assert.deepEqual(t.rows.at(-1).slice(0, 2), ['合计', String(n)])
    const figure = r.sections.flatMap((x) => x.figures).find((f) => f.key === 'activities.demonstration_classes')
    assert.equal(figure.value, n)
    // The paragraph no longer names hundreds of classes.
    assert.ok(!r.sections.find((x) => x.key === 'activities').summary.includes('规模测试课'))
    const en = tablesOf(assertOk(await summary('region:421222', 2026, s.tongcheng, '&lang=en'))).find((x) => x.key === 'demonstration_classes')
    assert.ok(en.note.includes(`The full table has ${n} rows`), en.note)
    assert.equal(en.title, 'Demonstration classes by subject')

    const html = (await summary('region:421222', 2026, s.tongcheng, '&format=html')).text
    assert.ok(html.includes(`本表共 ${n} 行`), `${label}: html note`)
    assert.ok(!html.includes('规模测试课'), `${label}: html lists the classes`)
    const docx = await summary('region:421222', 2026, s.tongcheng, '&format=docx')
    const doc = readZip(docx.bytes).get('word/document.xml').toString('utf8')
    assert.ok(doc.includes(`本表共 ${n} 行`), `${label}: docx note`)
    assert.ok(!doc.includes('规模测试课'), `${label}: docx lists the classes`)

    // The workbook: every class, row by row.
    const xlsx = await summary('region:421222', 2026, s.tongcheng, '&format=xlsx')
    const at = tablesOf(r).findIndex((x) => x.key === 'demonstration_classes')
    assert.equal(sheetRows(xlsx.bytes)(at + 2), n, `${label}: workbook rows`)
    const sheet = readZip(xlsx.bytes).get(`xl/worksheets/sheet${at + 2}.xml`).toString('utf8')
    const strings = readZip(xlsx.bytes).get('xl/sharedStrings.xml')?.toString('utf8') ?? ''
    assert.ok((sheet + strings).includes('规模测试课200'), `${label}: the workbook names the last class`)
  }
  await check('live')
  assertOk(await h.post('/api/v1/reports/lock?scope=region:421222&year=2026', {}, { session: s.tongcheng }))
  const locked = assertOk(await summary('region:421222', 2026, s.tongcheng))
  assert.equal(locked.locked, true)
  await check('locked')
})
