// The balance index in spreadsheets (issue 13): the schools' resources template, the import with
// its per-row errors in both modes, the export that imports back unchanged, and a county's table
// as a workbook with the figures of GET /api/v1/balance.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { XLSX_TYPE, assertError, assertOk, assertPage, assertXlsx, readXlsxRows, readZip, setup } from './harness.mjs'

let h
let s
const id = {}
before(async () => {
  h = await setup()
  s = await h.loginAll(['admin', 'tongcheng', 'yeji', 'shiyan', 'wantou', 'teacher1', 'inspector'])
  for (const x of assertPage(await h.get('/api/v1/institutions?page_size=200', { session: s.admin }), { pageSize: 200 }).items) id[x.name] = x.id
})
after(async () => {
  await h?.close()
})

const HEADER = ['单位名称', '单位编号', '学年', '小学在校生数', '初中在校生数', '高于规定学历教师数', '县级及以上骨干教师数', '体育艺术专任教师数', '教学及辅助用房面积（平方米）', '体育运动场馆面积（平方米）', '教学仪器设备值（元）', '网络多媒体教室数']
const CSV = { 'content-type': 'text/csv; charset=utf-8' }
const csv = (rows, header = HEADER) => [header, ...rows].map((r) => r.join(',')).join('\n') + '\n'
const importConditions = (body, { mode, year, session = s.tongcheng, headers = CSV } = {}) => {
  const q = [mode && `mode=${mode}`, year && `school_year=${year}`].filter(Boolean).join('&')
  return h.post(`/api/v1/balance/conditions/import${q ? `?${q}` : ''}`, body, { session, headers })
}
const conditionsOf = async (name, year, session = s.admin) =>
  assertOk(await h.get(`/api/v1/institutions/${id[name]}/conditions?school_year=${year}`, { session })).conditions
const auditCount = async () => assertPage(await h.get('/api/v1/audit?entity=school_conditions', { session: s.admin })).total

// 通城县's two primary schools, 2025-2026 (the year comes from ?school_year).
const SHIYAN = ['通城县实验小学', '', '', '2640', '0', '130', '32', '26', '13200.5', '21000', '6336000.00', '66']
const WANTOU = ['五里镇湾头小学', '', '', '186', '0', '10', '2', '2', '980.5', '2400', '420000', '6']

test('the template: the header, an example row and an instructions sheet', async () => {
  const res = await h.get('/api/v1/balance/conditions/template.xlsx', { session: s.tongcheng })
  assert.equal(assertXlsx(res), '办学条件导入模板.xlsx')
  const rows = readXlsxRows(res.bytes)
  assert.deepEqual(rows[0], HEADER)
  assert.equal(rows.length, 2)
  assert.deepEqual(rows[1].slice(0, 4), ['五里镇湾头小学', '', '2025-2026', '186'])
  assert.ok(readZip(res.bytes).has('xl/worksheets/sheet2.xml'), 'an instructions sheet')
  assert.match(readXlsxRows(res.bytes, 2).flat().join('\n'), /单位元/)
  assertError(await h.get('/api/v1/balance/conditions/template.xlsx'), 401, 'unauthenticated')
  // As downloaded, it imports for whoever holds its example school, and only for them.
  const refused = assertOk(await importConditions(res.bytes, { mode: 'valid_rows', session: s.shiyan, headers: { 'content-type': XLSX_TYPE } }))
  assert.deepEqual([refused.imported, refused.errors.map((e) => [e.row, e.field])], [0, [[2, 'institution']]])
  const ok = assertOk(await importConditions(res.bytes, { mode: 'valid_rows', session: s.wantou, headers: { 'content-type': XLSX_TYPE } }))
  assert.deepEqual([ok.total, ok.imported, ok.errors], [1, 1, []])
  assert.equal((await conditionsOf('五里镇湾头小学', '2025-2026')).room_area_m2, 980.5)
})

test('valid_rows: good rows are saved and audited, each bad cell is reported by Excel row and field', async () => {
  const auditBefore = await auditCount()
  const rows = [
    SHIYAN,
    ['五里镇湾头小学', '', '', '186', '0', '9', '2', '2', '980.555', '2400', '420000', '6'], // 3: three decimals
    ['五里镇湾头小学', '', '', '186', '0', '-3', '2', '2', '980.5', '2400', '420000', '6'], // 4: negative
    ['五里镇湾头小学', '', '', '186', '0', '9', '2', '2', '980.5', '2400', '四十二万', '6'], // 5: not a number
    ['不存在的小学', '', '', '186', '0', '9', '2', '2', '980.5', '2400', '420000', '6'], // 6: unknown school
    ['叶集区第二小学', '', '', '1920', '0', '95', '22', '18', '9100', '15200', '4100000', '45'], // 7: another county's
    ['五里镇湾头小学', '', '', '0', '0', '9', '2', '2', '980.5', '2400', '420000', '6'], // 8: no students
    ['五里镇湾头小学', '', '2025-2027', '186', '0', '9', '2', '2', '980.5', '2400', '420000', '6'], // 9: bad year
    ['通城县教育局', '', '', '10', '0', '1', '0', '0', '10', '10', '10', '1'], // 10: not a school
    WANTOU,
  ]
  const body = assertOk(await importConditions(csv(rows), { mode: 'valid_rows', year: '2025-2026' }))
  assert.equal(body.total, 10)
  assert.equal(body.imported, 2)
  assert.deepEqual(body.errors.map((e) => [e.row, e.field]), [
    [3, 'room_area_m2'], [4, 'degree_teachers'], [5, 'equipment_value_fen'], [6, 'institution'],
    [7, 'institution'], [8, 'primary_students'], [9, 'school_year'], [10, 'institution'],
  ])
  const message = (row) => body.errors.find((e) => e.row === row).message
  assert.match(message(3), /两位小数/)
  assert.match(message(4), /不能为负数/)
  assert.match(message(5), /四十二万/)
  assert.match(message(6), /不存在的小学/)
  assert.match(message(8), /不能为0/)
  // In English on request.
  const en = assertOk(await h.post('/api/v1/balance/conditions/import?mode=valid_rows&school_year=2025-2026', csv([rows[2]]), { session: s.tongcheng, headers: { ...CSV, 'accept-language': 'en' } }))
  assert.match(en.errors[0].message, /negative/)

  const shiyan = await conditionsOf('通城县实验小学', '2025-2026')
  assert.deepEqual([shiyan.primary_students, shiyan.degree_teachers, shiyan.room_area_m2, shiyan.sports_area_m2, shiyan.equipment_value_fen, shiyan.multimedia_rooms], [2640, 130, 13200.5, 21000, 633600000, 66])
  assert.equal((await conditionsOf('五里镇湾头小学', '2025-2026')).equipment_value_fen, 42000000)
  assert.equal(await auditCount(), auditBefore + 2)
  const audit = assertPage(await h.get(`/api/v1/audit?entity=school_conditions&entity_id=${id['通城县实验小学']}:2025-2026`, { session: s.admin }))
  assert.deepEqual(audit.items.map((e) => [e.action, e.username]), [['create', 'tongcheng']])
})

test('scope: another county\'s bureau and another school\'s admin get row errors and change nothing', async () => {
  const before = await conditionsOf('通城县实验小学', '2025-2026')
  const auditBefore = await auditCount()
  const byId = [['', String(id['通城县实验小学']), '2025-2026', '10', '0', '1', '1', '1', '10', '10', '10', '1']]
  const yeji = assertOk(await importConditions(csv([...byId, ['叶集区第二小学', '', '2025-2026', '1920', '0', '95', '22', '18', '9100', '15200', '4100000', '45']]), { mode: 'valid_rows', session: s.yeji }))
  assert.deepEqual([yeji.imported, yeji.errors.map((e) => [e.row, e.field])], [1, [[2, 'institution']]])
  assert.match(yeji.errors[0].message, /权/)
  const byName = assertOk(await importConditions(csv([['通城县实验小学', ...byId[0].slice(1)].map((c, i) => (i === 1 ? '' : c))]), { mode: 'valid_rows', session: s.yeji }))
  assert.deepEqual([byName.imported, byName.errors.map((e) => [e.row, e.field])], [0, [[2, 'institution']]])
  const wantou = assertOk(await importConditions(csv(byId), { mode: 'valid_rows', session: s.wantou }))
  assert.deepEqual([wantou.imported, wantou.errors.map((e) => [e.row, e.field])], [0, [[2, 'institution']]])
  assert.deepEqual(await conditionsOf('通城县实验小学', '2025-2026'), before)
  assert.equal(await auditCount(), auditBefore + 1) // 叶集区第二小学 only
})

test('all_or_nothing (the default): one bad row imports nothing', async () => {
  const auditBefore = await auditCount()
  const rows = [
    ['通城县实验小学', '', '2024-2025', '2610', '0', '125', '30', '25', '13200.5', '21000', '6100000', '64'],
    ['五里镇湾头小学', '', '2024-2025', '190', '0', '8', '1', '1', '980.5', '2400', '12.345', '3'],
  ]
  const body = assertOk(await importConditions(csv(rows)))
  assert.equal(body.mode, 'all_or_nothing')
  assert.deepEqual([body.total, body.imported], [2, 0])
  assert.deepEqual(body.errors.map((e) => [e.row, e.field]), [[3, 'equipment_value_fen']])
  assert.equal(await conditionsOf('通城县实验小学', '2024-2025'), null)
  assert.equal(await auditCount(), auditBefore)
  // A school twice in the file for one year is refused rather than silently replaced.
  const twice = assertOk(await importConditions(csv([rows[0], rows[0]])))
  assert.deepEqual([twice.imported, twice.errors.map((e) => [e.row, e.field])], [0, [[3, 'institution']]])
  assert.match(twice.errors[0].message, /第 2 行/)
})

test('import refusals: read-only roles 403, bad mode or year 400, empty body 400, a wrong header 422-free row-1 errors', async () => {
  const body = csv([WANTOU.map((c, i) => (i === 2 ? '2025-2026' : c))])
  assertError(await importConditions(body, { mode: 'valid_rows', session: s.inspector }), 403, 'forbidden')
  assertError(await importConditions(body, { mode: 'valid_rows', session: s.teacher1 }), 403, 'forbidden')
  assertError(await importConditions(body, { mode: 'some_rows' }), 400, 'malformed', ['mode'])
  assertError(await importConditions(body, { year: '2025' + '-2027' }), 400, 'malformed', ['school_year'])
  assertError(await importConditions(''), 400, 'malformed')
  const header = assertOk(await importConditions(csv([WANTOU], [...HEADER.slice(0, 10), '教学仪器设备值（万元）', HEADER[11]])))
  assert.equal(header.imported, 0)
  assert.deepEqual(header.errors.map((e) => [e.row, e.field]).sort(), [[1, 'equipment_value_fen'], [1, '教学仪器设备值（万元）']])
})

test('the export of a region imports back unchanged (round trip)', async () => {
  const url = '/api/v1/balance/conditions/export.xlsx?region=421222&school_year=2025-2026'
  const first = await h.get(url, { session: s.tongcheng })
  assert.match(assertXlsx(first, '办学条件-2025-2026-'), /\.xlsx$/)
  const rows = readXlsxRows(first.bytes)
  assert.deepEqual(rows[0], HEADER)
  assert.deepEqual(rows.slice(1), [ // in the order of the names' pinyin
    ['通城县实验小学', String(id['通城县实验小学']), '2025-2026', '2640', '0', '130', '32', '26', '13200.5', '21000', '6336000', '66'],
    ['五里镇湾头小学', String(id['五里镇湾头小学']), '2025-2026', '186', '0', '10', '2', '2', '980.5', '2400', '420000', '6'],
  ])
  const again = assertOk(await importConditions(first.bytes, { headers: { 'content-type': XLSX_TYPE } }))
  assert.deepEqual([again.total, again.imported, again.errors], [2, 2, []])
  assert.deepEqual(readXlsxRows((await h.get(url, { session: s.tongcheng })).bytes), rows)
  // Scope: 叶集区's bureau sees none of 通城县's rows, the school's admin its own only.
  assert.equal(readXlsxRows((await h.get(url, { session: s.yeji })).bytes).length, 1)
  assert.deepEqual(readXlsxRows((await h.get(url, { session: s.shiyan })).bytes).slice(1).map((r) => r[0]), ['通城县实验小学'])
  assertError(await h.get('/api/v1/balance/conditions/export.xlsx?region=999999', { session: s.admin }), 404, 'not_found')
})

test('the county table: the verdict, then per stage the indicators and the schools, with the figures of the API', async () => {
  const json = assertOk(await h.get('/api/v1/balance?region=421222&year=2025', { session: s.tongcheng }))
  const res = await h.get('/api/v1/balance/export.xlsx?region=421222&year=2025', { session: s.tongcheng })
  assert.equal(assertXlsx(res), '通城县优质均衡-2025-2026.xlsx')
  const workbook = readZip(res.bytes).get('xl/workbook.xml').toString('utf8')
  assert.deepEqual([...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]), ['评估结论', '小学指标', '小学学校'])
  const summary = Object.fromEntries(readXlsxRows(res.bytes, 1).slice(1))
  assert.equal(summary['学年'], '2025-2026')
  assert.equal(summary['评估结论'], json.verdict_label)
  assert.equal(summary['小学：达标学校'], `${json.stages[0].schools_passing} / 2`)

  // The CV of the multimedia rooms by hand: 66 rooms for 2640 students, 6 for 186.
  const x = [66 / 2640 * 100, 6 / 186 * 100]
  const p = [2640, 186]
  const P = p[0] + p[1]
  const mean = (p[0] * x[0] + p[1] * x[1]) / P
  const sd = Math.sqrt((p[0] * (x[0] - mean) ** 2 + p[1] * (x[1] - mean) ** 2) / P)
  const indicators = readXlsxRows(res.bytes, 2)
  assert.deepEqual(indicators[0], ['指标', '单位', '差异系数', '上限', '是否达标', '加权平均值', '学校达标标准'])
  assert.equal(indicators.length, 8)
  const rooms = indicators.find((r) => r[0].includes('网络多媒体教室'))
  assert.equal(Number(rooms[2]), Math.round(sd / mean * 1e4) / 1e4)
  assert.equal(rooms[3], '0.5')
  assert.equal(Number(rooms[5]), Math.round(mean * 100) / 100)
  for (const [i, ind] of json.stages[0].indicators.entries()) {
    assert.equal(Number(indicators[i + 1][2]), Math.round(ind.cv * 1e4) / 1e4, ind.key)
    assert.equal(indicators[i + 1][4], ind.pass ? '达标' : '未达标', ind.key)
  }

  const schools = readXlsxRows(res.bytes, 3)
  assert.equal(schools[0][0], '学校')
  assert.equal(schools[0].length, 3 + 7 + 3 + 7)
  const wantou = schools.find((r) => r[0] === '五里镇湾头小学')
  assert.equal(wantou[2], '186')
  assert.equal(Number(wantou[9]), Math.round(x[1] * 100) / 100) // rooms per 100 students
  const jsonWantou = json.stages[0].schools.find((z) => z.name === '五里镇湾头小学')
  assert.equal(wantou[12], jsonWantou.pass ? '达标' : '未达标')
  // Each indicator's variance shares add up to 100 %.
  for (let i = 13; i < 20; i++) {
    const sum = schools.slice(1).reduce((acc, r) => acc + Number(r[i]), 0)
    assert.ok(Math.abs(sum - 100) < 0.2, `shares of column ${i} add up to ${sum}`)
  }
  // Like the table itself: a county the reader does not hold is not there.
  assertError(await h.get('/api/v1/balance/export.xlsx?region=421222&year=2025', { session: s.yeji }), 404, 'not_found')
  assertError(await h.get('/api/v1/balance/export.xlsx?region=421200&year=2025', { session: s.admin }), 422, 'validation', ['region'])
})
