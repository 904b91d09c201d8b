// Donations (funds and materials, money in fen end to end) and shared resources (visibility to
// the recipients of active pairings, uploads, counted downloads): every endpoint, its refusals
// and its exports.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { assertError, assertOk, assertPage, assertXlsx, readXlsxRows, setup } from './harness.mjs'
import { createPairing, createProgram, endPairing } from './work_setup.mjs'

let h
let s
const inst = {}
let program, pairing, hcProgram
before(async () => {
  h = await setup()
  s = await h.loginAll(['admin', 'tongcheng', 'huocheng', 'shiyan', 'wantou', 'sanyuan', 'teacher1', 'inspector'])
  const page = assertPage(await h.get('/api/v1/institutions?page_size=200', { session: s.admin }), { pageSize: 200 })
  for (const x of page.items) inst[x.name] = x.id
  program = await createProgram(h, s.tongcheng, { name: '通城县城乡学校结对帮扶', region: '421222' })
  pairing = await createPairing(h, s.tongcheng, { program, supporter: inst['通城县实验小学'], recipient: inst['五里镇湾头小学'] })
  hcProgram = await createProgram(h, s.huocheng, { name: '霍城县教育帮扶', region: '654023' })
})
after(async () => {
  await h?.close()
})

const glass = (extra = {}) => ({
  program, pairing, kind: 'funds', donated_on: '2024-11-04', donor_kind: 'institution',
  donor_institution: inst['通城县实验小学'], amount_fen: 500000, purpose: '更换窗户玻璃', ...extra,
})
const yuanOf = (cell) => Number(cell) // a numeric cell's value, compared with the expected yuan

test('a donation is created, read, changed and deleted without losing a fen', async () => {
  const created = assertOk(await h.post('/api/v1/donations', glass(), { session: s.shiyan }), 201)
  assert.equal(created.amount_fen, 500000)
  assert.equal(created.amount_yuan, '5000.00')
  assert.equal(created.recipient_institution, inst['五里镇湾头小学'], 'defaults to the pairing\'s recipient')
  assert.equal(created.recipient_institution_name, '五里镇湾头小学')
  assert.equal(created.pairing_label, '通城县实验小学 → 五里镇湾头小学')
  assert.equal(created.donor_display, '通城县实验小学')
  assert.equal('recipient_beneficiary' in created, false, 'not exposed before beneficiaries exist')

  const got = assertOk(await h.get(`/api/v1/donations/${created.id}`, { session: s.wantou }))
  assert.deepEqual(got, created)
  const patched = assertOk(await h.patch(`/api/v1/donations/${created.id}`, { amount_fen: 1700000001, note: '含安装' }, { session: s.tongcheng }))
  assert.equal(patched.amount_fen, 1700000001)
  assert.equal(patched.amount_yuan, '17000000.01')
  assert.equal(patched.purpose, '更换窗户玻璃')
  assert.equal(assertOk(await h.get(`/api/v1/donations/${created.id}`, { session: s.inspector })).amount_fen, 1700000001)

  const audit = assertOk(await h.get(`/api/v1/audit?entity=donation&entity_id=${created.id}`, { session: s.admin }))
  assert.equal(audit.total, 2)
  assert.equal((await h.del(`/api/v1/donations/${created.id}`, { session: s.wantou })).status, 204)
  assertError(await h.get(`/api/v1/donations/${created.id}`, { session: s.admin }), 404, 'not_found')
})

test('materials carry a category, quantity and unit; funds carry none of them', async () => {
  const beds = assertOk(await h.post('/api/v1/donations', glass({
    kind: 'materials', category: 'furniture', quantity: 100, unit: '套', amount_fen: 0, purpose: '床铺课桌',
    donor_kind: 'outside', donor_institution: null, donor_name: '某爱心企业',
  }), { session: s.tongcheng }), 201)
  assert.equal(beds.category, 'furniture')
  assert.equal(beds.quantity, 100)
  assert.equal(beds.donor_display, '某爱心企业')

  assertError(await h.post('/api/v1/donations', glass({ kind: 'materials', amount_fen: -1 }), { session: s.tongcheng }),
    422, 'validation', ['amount_fen', 'category', 'quantity', 'unit'])
  assertError(await h.post('/api/v1/donations', glass({ category: 'books', quantity: 3, unit: '册', amount_fen: 0 }), { session: s.tongcheng }),
    422, 'validation', ['amount_fen', 'category', 'quantity', 'unit'])
  assertError(await h.post('/api/v1/donations', glass({ kind: 'materials', category: 'spaceships', quantity: 1, unit: '艘' }), { session: s.tongcheng }),
    422, 'validation', ['category'])
  const res = await h.post('/api/v1/donations', glass({ donor_kind: 'outside' }), { session: s.tongcheng })
  assertError(res, 422, 'validation', ['donor_institution', 'donor_name'])
  assert.match(res.json.error.fields.donor_name, /捐赠方名称/)
  assertError(await h.post('/api/v1/donations', glass({ amount_fen: '5000.00' }), { session: s.tongcheng }), 422, 'validation', ['amount_fen'])
  assertError(await h.post('/api/v1/donations', glass({ amount_fen: 50.5 }), { session: s.tongcheng }), 422, 'validation', ['amount_fen'])
  assertError(await h.post('/api/v1/donations', glass({ amount_fen: 10000000000001 }), { session: s.tongcheng }), 422, 'validation', ['amount_fen'])
  assertError(await h.post('/api/v1/donations', glass({ recipient_beneficiary: 1 }), { session: s.tongcheng }), 422, 'validation', ['recipient_beneficiary'])
  assertError(await h.post('/api/v1/donations', glass({ recipient_institution: inst['叶集区三元中学'] }), { session: s.tongcheng }),
    422, 'validation', ['recipient_institution'])
  assertError(await h.post('/api/v1/donations', glass({ pairing: 999999 }), { session: s.tongcheng }), 422, 'validation', ['pairing'])
  assertError(await h.post('/api/v1/donations', glass({ donated_on: '2999-01-01' }), { session: s.tongcheng }), 422, 'validation', ['donated_on'])
  const en = await h.api('POST', '/api/v1/donations', { session: s.tongcheng, body: glass({ kind: 'gold' }), headers: { 'accept-language': 'en' } })
  assertError(en, 422, 'validation', ['kind'])
  assert.match(en.json.error.fields.kind, /kind must be one of/)

  // Switching to funds means clearing the material fields, not having them dropped.
  assertError(await h.patch(`/api/v1/donations/${beds.id}`, { kind: 'funds', amount_fen: 100 }, { session: s.tongcheng }),
    422, 'validation', ['category', 'quantity', 'unit'])
  assert.equal(assertOk(await h.get(`/api/v1/donations/${beds.id}`, { session: s.tongcheng })).kind, 'materials')
  await h.del(`/api/v1/donations/${beds.id}`, { session: s.tongcheng })
})

test('a material category an admin added is accepted, filtered and labelled in totals and the export', async () => {
  const entry = { value: 'musical_instruments', zh: '乐器', en: 'Musical instruments' }
  assertOk(await h.post('/api/v1/dictionaries/material_category/entries', entry, { session: s.tongcheng }), 201)
  const d = assertOk(await h.post('/api/v1/donations', glass({ kind: 'materials', category: 'musical_instruments', quantity: 12, unit: '把', amount_fen: 360000, purpose: '吉他' }), { session: s.shiyan }), 201)
  assert.equal(assertPage(await h.get(`/api/v1/donations?program=${program}&category=musical_instruments`, { session: s.tongcheng })).total, 1)
  const totals = assertOk(await h.get(`/api/v1/donations/totals?group=category&program=${program}`, { session: s.tongcheng }))
  assert.deepEqual(totals.rows.map((r) => [r.key, r.label, r.materials_fen]), [['musical_instruments', '乐器', 360000]])
  const rows = readXlsxRows((await h.get(`/api/v1/donations/export.xlsx?program=${program}`, { session: s.tongcheng })).bytes)
  assert.equal(rows[1][rows[0].indexOf('物资类别')], '乐器')
  await h.del(`/api/v1/donations/${d.id}`, { session: s.shiyan })
})

test('refusals: read-only roles 403, out of scope 404 on reads and 403 on writes, 401 without a session', async () => {
  const d = assertOk(await h.post('/api/v1/donations', glass(), { session: s.wantou }), 201)
  assertError(await h.post('/api/v1/donations', glass(), { session: s.inspector }), 403, 'forbidden')
  assertError(await h.post('/api/v1/donations', glass(), { session: s.teacher1 }), 403, 'forbidden')
  assertError(await h.patch(`/api/v1/donations/${d.id}`, { note: 'x' }, { session: s.teacher1 }), 403, 'forbidden')
  assertError(await h.del(`/api/v1/donations/${d.id}`, { session: s.inspector }), 403, 'forbidden')
  assertError(await h.get(`/api/v1/donations/${d.id}`, { session: s.huocheng }), 404, 'not_found')
  assertError(await h.get(`/api/v1/donations/${d.id}`, { session: s.sanyuan }), 404, 'not_found')
  assertError(await h.patch(`/api/v1/donations/${d.id}`, { note: 'x' }, { session: s.huocheng }), 403, 'forbidden')
  assertError(await h.del(`/api/v1/donations/${d.id}`, { session: s.sanyuan }), 403, 'forbidden')
  // 霍城县 cannot record into 通城县's program: refused (403) on `program`.
  assertError(await h.post('/api/v1/donations', glass(), { session: s.huocheng }), 403, 'forbidden', ['program'])
  // An institution admin records a pairing's work, not program-level work.
  assertError(await h.post('/api/v1/donations', glass({ pairing: null, recipient_institution: inst['五里镇湾头小学'] }), { session: s.shiyan }),
    403, 'forbidden')
  assertError(await h.get('/api/v1/donations'), 401, 'unauthenticated')
  assertError(await h.post('/api/v1/donations', glass(), { session: s.tongcheng, csrf: false }), 403, 'csrf_missing')
  assert.equal(assertPage(await h.get(`/api/v1/donations?program=${program}`, { session: s.huocheng })).total, 0)
  assert.equal(assertPage(await h.get(`/api/v1/donations?program=${program}`, { session: s.teacher1 })).total, 1)
  assertError(await h.get('/api/v1/donations/export.xlsx', {}), 401, 'unauthenticated')
  await h.del(`/api/v1/donations/${d.id}`, { session: s.admin })
})

test('lists filter, sort and refuse unknown filters', async () => {
  const a = assertOk(await h.post('/api/v1/donations', glass({ donated_on: '2023-10-01', amount_fen: 2000000, purpose: '维修教学楼' }), { session: s.tongcheng }), 201)
  const b = assertOk(await h.post('/api/v1/donations', glass({
    donated_on: '2024-03-01', kind: 'materials', category: 'books', quantity: 500, unit: '册', amount_fen: 1000000,
    donor_kind: 'students', donor_name: '六年级全体学生',
  }), { session: s.tongcheng }), 201)
  // Always within this file's program: the demo may hold donations of its own.
  const list = async (query) => assertPage(await h.get(`/api/v1/donations?program=${program}&${query}`, { session: s.tongcheng }))
  assert.deepEqual((await list('')).items.map((x) => x.id), [b.id, a.id], 'newest first')
  assert.deepEqual((await list('sort=amount_fen')).items.map((x) => x.id), [b.id, a.id])
  assert.equal((await list('year=2023')).total, 1)
  assert.equal((await list('kind=materials')).items[0].unit, '册')
  assert.equal((await list('category=books')).total, 1)
  assert.equal((await list('donor_kind=students')).items[0].donor_display, '通城县实验小学 六年级全体学生')
  assert.equal((await list('date_from=2023-10-02&date_to=2024-03-01')).total, 1)
  assert.equal((await list(`institution=${inst['五里镇湾头小学']}`)).total, 2)
  assert.equal((await list(`pairing=${pairing}`)).total, 2)
  assert.equal(assertPage(await h.get(`/api/v1/donations?program=${hcProgram}`, { session: s.huocheng })).total, 0)
  assert.equal((await list(`q=${encodeURIComponent('教学楼')}`)).total, 1)
  for (const bad of ['year=23', 'category=gold', 'kind=x', 'donor_kind=x', 'date_from=2023-02-30', 'colour=red', 'sort=colour', 'program=abc']) {
    assertError(await h.get(`/api/v1/donations?${bad}`, { session: s.tongcheng }), 400, 'malformed')
  }
  await h.del(`/api/v1/donations/${a.id}`, { session: s.tongcheng })
  await h.del(`/api/v1/donations/${b.id}`, { session: s.tongcheng })
})

test('totals and the export agree to the fen: 31 × 100 yuan, 0.01 + 0.02 yuan, materials worth 1.7 million', async () => {
  const ids = []
  const add = async (body) => ids.push(assertOk(await h.post('/api/v1/donations', body, { session: s.tongcheng }), 201).id)
  for (let i = 0; i < 31; i++) await add(glass({ donor_kind: 'students', donor_name: '六年级全体学生', amount_fen: 10000, purpose: '资助贫困学生' }))
  await add(glass({ donated_on: '2025-01-02', amount_fen: 1 }))
  await add(glass({ donated_on: '2025-01-02', amount_fen: 2 }))
  await add(glass({ donated_on: '2025-06-01', kind: 'materials', category: 'audio_visual', quantity: 70, unit: '台', amount_fen: 170000000 }))

  const byYear = assertOk(await h.get(`/api/v1/donations/totals?group=year&program=${program}`, { session: s.tongcheng }))
  assert.deepEqual(byYear.rows.map((r) => [r.key, r.label, r.funds_fen, r.materials_fen, r.total_fen, r.count]), [
    ['2024', '2024年', 310000, 0, 310000, 31],
    ['2025', '2025年', 3, 170000000, 170000003, 3],
  ])
  assert.deepEqual(byYear.total, { key: '', label: '合计', funds_fen: 310003, materials_fen: 170000000, total_fen: 170310003, count: 34 })
  const byCategory = assertOk(await h.get(`/api/v1/donations/totals?group=category&program=${program}`, { session: s.tongcheng, headers: { 'accept-language': 'en' } }))
  assert.deepEqual(byCategory.rows.map((r) => [r.key, r.label, r.total_fen]), [['audio_visual', 'Audio-visual equipment', 170000000], ['', 'Funds', 310003]])
  const byPairing = assertOk(await h.get(`/api/v1/donations/totals?group=pairing&program=${program}`, { session: s.wantou }))
  assert.equal(byPairing.rows[0].label, '通城县实验小学 → 五里镇湾头小学')
  assert.equal(byPairing.rows[0].total_fen, 170310003)
  const byProgram = assertOk(await h.get(`/api/v1/donations/totals?group=program&year=2024`, { session: s.tongcheng }))
  assert.deepEqual(byProgram.rows.map((r) => [r.label, r.funds_fen]), [['通城县城乡学校结对帮扶', 310000]])
  assert.equal(assertOk(await h.get(`/api/v1/donations/totals?group=year&program=${program}`, { session: s.huocheng })).total.total_fen, 0)
  assertError(await h.get('/api/v1/donations/totals?group=colour', { session: s.tongcheng }), 400, 'malformed')

  // The export: the amount column holds numbers with two decimals, and the total rows match.
  const res = await h.get(`/api/v1/donations/export.xlsx?sort=donated_on&program=${program}`, { session: s.tongcheng })
  assertXlsx(res, '捐赠物资')
  const rows = readXlsxRows(res.bytes)
  const amount = rows[0].indexOf('金额（元）')
  assert.ok(amount > 0, rows[0].join(','))
  assert.equal(rows.length, 1 + 34 + 3)
  assert.equal(yuanOf(rows[1][amount]), 100)
  const cells = rows.slice(1, 35).map((r) => r[amount])
  assert.ok(cells.includes('0.01') && cells.includes('0.02') && cells.includes('1700000'), cells.join(' '))
  assert.deepEqual(rows.slice(35).map((r) => [r[0], yuanOf(r[amount])]), [['资金合计', 3100.03], ['物资合计（折价）', 1700000], ['总计', 1703100.03]])
  // A numeric cell (no t="s"), formatted with two decimals.
  const sheet = (await import('./harness.mjs')).readZip(res.bytes).get('xl/worksheets/sheet1.xml').toString('utf8')
  const col = String.fromCharCode(65 + amount)
  assert.match(sheet, new RegExp(`<c r="${col}2" s="\\d+"><v>100</v></c>`))
  const styles = (await import('./harness.mjs')).readZip(res.bytes).get('xl/styles.xml').toString('utf8')
  assert.match(styles, /formatCode="#,##0\.00"/)
  assert.equal(rows[1][rows[0].indexOf('数量')], '')
  const tv = rows.find((r) => r[rows[0].indexOf('单位')] === '台')
  assert.equal(tv[rows[0].indexOf('数量')], '70')
  assert.equal(tv[rows[0].indexOf('物资类别')], '电教设备')
  // The same filters narrow the export.
  const y2025 = readXlsxRows((await h.get(`/api/v1/donations/export.xlsx?year=2025&program=${program}`, { session: s.tongcheng })).bytes)
  assert.deepEqual(y2025.slice(-3).map((r) => yuanOf(r[amount])), [0.03, 1700000, 1700000.03])
  const hc = readXlsxRows((await h.get(`/api/v1/donations/export.xlsx?program=${program}`, { session: s.huocheng })).bytes)
  assert.equal(hc.length, 1 + 3)
  for (const id of ids) assert.equal((await h.del(`/api/v1/donations/${id}`, { session: s.tongcheng })).status, 204)
})

// ---- shared resources --------------------------------------------------------------------------

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
const lesson = (extra = {}) => ({
  owner_institution: inst['通城县实验小学'], title: '《秋天的雨》教学设计', kind: 'lesson_plan', subject: 'chinese', stage: 'primary', ...extra,
})

test('a shared resource: created by the owner, its file uploaded, seen and downloaded by the recipient only', async () => {
  const r = assertOk(await h.post('/api/v1/resources', lesson(), { session: s.shiyan }), 201)
  assert.equal(r.file, null)
  assert.equal(r.download_count, 0)
  assertError(await h.get(`/api/v1/resources/${r.id}/file`, { session: s.wantou }), 404, 'not_found')

  const up = await h.post(`/api/v1/resources/${r.id}/file?name=${encodeURIComponent('秋天的雨.pdf')}`, PDF, { session: s.shiyan })
  const withFile = assertOk(up)
  assert.equal(withFile.file.name, '秋天的雨.pdf')
  assert.equal(withFile.file.size, PDF.length)
  assertError(await h.post(`/api/v1/resources/${r.id}/file?name=a.pdf`, PDF, { session: s.wantou }), 403, 'forbidden')
  assertError(await h.post(`/api/v1/resources/${r.id}/file?name=a.pdf`, PDF, { session: s.sanyuan }), 403, 'forbidden')
  assertError(await h.post(`/api/v1/resources/${r.id}/file?name=evil.pdf`, Buffer.from('MZ\x90\x00 not a pdf'), { session: s.shiyan }),
    422, 'validation', ['file'])

  // The recipient and the owner's teacher see it; a school that is not a partner does not.
  const sees = async (who) => assertPage(await h.get('/api/v1/resources?page_size=200', { session: s[who] }), { pageSize: 200 }).items.some((x) => x.id === r.id)
  for (const who of ['wantou', 'teacher1', 'tongcheng', 'inspector', 'admin']) assert.equal(await sees(who), true, who)
  for (const who of ['sanyuan', 'huocheng']) assert.equal(await sees(who), false, who)
  assertError(await h.get(`/api/v1/resources/${r.id}`, { session: s.sanyuan }), 404, 'not_found')
  assertError(await h.get(`/api/v1/resources/${r.id}/file`, { session: s.sanyuan }), 404, 'not_found')

  const dl = await h.get(`/api/v1/resources/${r.id}/file`, { session: s.wantou })
  assert.equal(dl.status, 200)
  assert.deepEqual(dl.bytes, PDF)
  assert.equal(dl.headers.get('content-type'), 'application/pdf')
  assert.equal(dl.headers.get('x-content-type-options'), 'nosniff')
  await h.get(`/api/v1/resources/${r.id}/file`, { session: s.teacher1 })
  assert.equal(assertOk(await h.get(`/api/v1/resources/${r.id}`, { session: s.shiyan })).download_count, 2)

  // Writes: the owner and its bureau; not the recipient, not teachers, not inspectors.
  assertError(await h.patch(`/api/v1/resources/${r.id}`, { title: 'x' }, { session: s.wantou }), 403, 'forbidden')
  assertError(await h.patch(`/api/v1/resources/${r.id}`, { title: 'x' }, { session: s.huocheng }), 403, 'forbidden')
  assertError(await h.del(`/api/v1/resources/${r.id}`, { session: s.teacher1 }), 403, 'forbidden')
  assertError(await h.post('/api/v1/resources', lesson(), { session: s.inspector }), 403, 'forbidden')
  assertError(await h.post('/api/v1/resources', lesson(), { session: s.wantou }), 403, 'forbidden')
  const renamed = assertOk(await h.patch(`/api/v1/resources/${r.id}`, { title: '《秋天的雨》教学设计（修订）', download_count: 0 }, { session: s.tongcheng }))
  assert.equal(renamed.title, '《秋天的雨》教学设计（修订）')
  assert.equal(renamed.download_count, 2, 'the count is kept by downloads, not by clients')
  assertError(await h.post('/api/v1/resources', lesson({ kind: 'poster', title: '', subject: 'alchemy', colour: 1 }), { session: s.shiyan }),
    422, 'validation', ['kind', 'title', 'subject', 'colour'])
  assertError(await h.post('/api/v1/resources', lesson({ pairing }), { session: s.wantou }), 403, 'forbidden')
  assertError(await h.post('/api/v1/resources', lesson({ owner_institution: inst['五里镇湾头小学'], pairing }), { session: s.tongcheng }),
    422, 'validation', ['pairing'])

  // Filters, export.
  const list = async (query) => assertPage(await h.get(`/api/v1/resources?owner=${inst['通城县实验小学']}&${query}`, { session: s.wantou })).total
  assert.equal(await list('kind=lesson_plan&subject=chinese&stage=primary'), 1)
  assert.equal(await list('kind=video'), 0)
  assert.equal(await list(`q=${encodeURIComponent('秋天')}`), 1)
  assertError(await h.get('/api/v1/resources?stage=college', { session: s.wantou }), 400, 'malformed')
  const x = readXlsxRows((await h.get(`/api/v1/resources/export.xlsx?owner=${inst['通城县实验小学']}`, { session: s.wantou })).bytes)
  assert.deepEqual(x[1].slice(0, 8), ['《秋天的雨》教学设计（修订）', '教案', '语文', '小学', '通城县实验小学', '', '秋天的雨.pdf', '2'])
  assert.equal((await h.del(`/api/v1/resources/${r.id}`, { session: s.shiyan })).status, 204)
  assertError(await h.get(`/api/v1/resources/${r.id}`, { session: s.shiyan }), 404, 'not_found')
})

test('a resource shared through one pairing is seen by that recipient; an ended pairing hides it', async () => {
  const second = await createPairing(h, s.tongcheng, { program, supporter: inst['通城县实验小学'], recipient: inst['叶集区三元中学'] })
  const only = assertOk(await h.post('/api/v1/resources', lesson({ pairing: second, title: '三元中学专题资源包', kind: 'topic_package' }), { session: s.shiyan }), 201)
  const all = assertOk(await h.post('/api/v1/resources', lesson(), { session: s.shiyan }), 201)
  const mine = new Set([only.id, all.id])
  const titles = async (who) =>
    assertPage(await h.get(`/api/v1/resources?owner=${inst['通城县实验小学']}&sort=title`, { session: s[who] })).items.map((x) => x.id).filter((id) => mine.has(id)).sort()
  assert.deepEqual(await titles('sanyuan'), [only.id, all.id].sort())
  assert.deepEqual(await titles('wantou'), [all.id])
  await endPairing(h, s.tongcheng, second)
  assert.deepEqual(await titles('sanyuan'), [])
  assertError(await h.get(`/api/v1/resources/${only.id}`, { session: s.sanyuan }), 404, 'not_found')
  assert.deepEqual(await titles('shiyan'), [only.id, all.id].sort(), 'the owner keeps what it shared')
})
