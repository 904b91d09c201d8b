// Spreadsheets: import templates, exports of every list (scope and format), and imports of
// institutions and staff from CSV (UTF-8, GB18030) and .xlsx in both modes.
import assert from 'node:assert/strict'
import net from 'node:net'
import { after, before, test } from 'node:test'

import { XLSX_TYPE, assertError, assertOk, assertPage, assertXlsx, readXlsxRows, readZip, setup } from './harness.mjs'

let h
let s
const instId = {}
before(async () => {
  h = await setup()
  s = await h.loginAll(['admin', 'tongcheng', 'huocheng', 'shiyan', 'teacher1', 'inspector'])
  for (const x of assertPage(await h.get('/api/v1/institutions?page_size=200', { session: s.admin }), { pageSize: 200 }).items) instId[x.name] = x.id
})
after(async () => {
  await h?.close()
})

const q = (text) => encodeURIComponent(text)
const CSV = { 'content-type': 'text/csv; charset=utf-8' }
const importInstitutions = (body, mode, session = s.tongcheng, headers = CSV) =>
  h.post(`/api/v1/institutions/import${mode ? `?mode=${mode}` : ''}`, body, { session, headers })
const importStaff = (body, mode, session = s.tongcheng, headers = CSV) =>
  h.post(`/api/v1/staff/import${mode ? `?mode=${mode}` : ''}`, body, { session, headers })
async function total(path, session = s.admin) {
  return assertPage(await h.get(path, { session })).total
}

test('import templates are .xlsx files with the template headers, an example row and instructions', async () => {
  const inst = await h.get('/api/v1/institutions/import/template.xlsx', { session: s.tongcheng })
  assert.equal(assertXlsx(inst), '单位导入模板.xlsx')
  const rows = readXlsxRows(inst.bytes)
  assert.deepEqual(rows[0], ['名称', '类型', '城乡类别', '薄弱学校', '行政区划代码', '地址', '纬度', '经度', '学生数', '教职工数', '联系人', '联系电话'])
  assert.equal(rows.length, 2)
  assert.equal(rows[1][0], '五里镇湾头小学')
  assert.ok(readZip(inst.bytes).has('xl/worksheets/sheet2.xml'), 'an instructions sheet')

  const staff = await h.get('/api/v1/staff/import/template.xlsx', { session: s.shiyan })
  assert.equal(assertXlsx(staff), '教职工导入模板.xlsx')
  const srows = readXlsxRows(staff.bytes)
  assert.deepEqual(srows[0], ['姓名', '性别', '所在单位', '岗位', '任教学科', '职称', '骨干级别', '教龄', '出生日期', '健康状况', '手机号'])
  assert.equal(srows[1][2], '通城县实验小学')
  assertError(await h.get('/api/v1/staff/import/template.xlsx'), 401, 'unauthenticated')
})

test('every list exports an .xlsx with a UTF-8 file name and one row per item', async () => {
  const lists = [
    ['/api/v1/regions', '行政区划-'],
    ['/api/v1/institutions', '单位名录-'],
    ['/api/v1/staff', '教职工名录-'],
    ['/api/v1/users', '用户-'],
    ['/api/v1/audit', '审计日志-'],
  ]
  for (const [path, stem] of lists) {
    const n = await total(path)
    const res = await h.get(`${path}/export.xlsx`, { session: s.admin })
    const name = assertXlsx(res, stem)
    assert.match(name, /-\d{4}-\d\d-\d\d\.xlsx$/)
    assert.match(res.headers.get('content-disposition'), /filename="bangfu\.xlsx"/, 'an ASCII fallback name')
    assert.equal(readXlsxRows(res.bytes).length, n + 1, path)
  }
})

test('exports follow the scope: 通城\'s files hold nothing of 霍城 and vice versa', async () => {
  const hasText = (rows, text) => rows.some((r) => r.some((c) => c.includes(text)))
  for (const path of ['/api/v1/institutions', '/api/v1/staff', '/api/v1/regions', '/api/v1/users']) {
    const tc = readXlsxRows((await h.get(`${path}/export.xlsx`, { session: s.tongcheng })).bytes)
    const hc = readXlsxRows((await h.get(`${path}/export.xlsx`, { session: s.huocheng })).bytes)
    assert.equal(tc.length - 1, await total(path, s.tongcheng), path)
    assert.equal(hc.length - 1, await total(path, s.huocheng), path)
    assert.ok(!hasText(tc, '霍城') && !hasText(tc, '654023'), `${path}: 霍城 in 通城's export`)
    assert.ok(!hasText(hc, '通城') && !hasText(hc, '421222'), `${path}: 通城 in 霍城's export`)
  }
  const inst = readXlsxRows((await h.get('/api/v1/institutions/export.xlsx', { session: s.tongcheng })).bytes)
  assert.deepEqual(inst.slice(1).map((r) => r[1]).sort(), ['五里镇湾头小学', '通城县实验小学', '通城县教育局'].sort())
  const teacher = readXlsxRows((await h.get('/api/v1/staff/export.xlsx', { session: s.teacher1 })).bytes)
  assert.deepEqual(teacher.slice(1).map((r) => r[1]), ['李家红'])
})

test('valid_rows: good rows are imported, the bad row is reported by spreadsheet row number (header = row 1) and field', async () => {
  const csv = '名称,类型,城乡类别,行政区划代码,学生数\r\n' +
    '甲导入小学,小学,乡村,421222105,100\r\n' +
    '乙导入小学,学堂,乡村,421222105,abc\r\n' +
    '丙导入小学,primary,rural,421222100,5\r\n'
  const res = await importInstitutions(csv, 'valid_rows')
  const body = assertOk(res)
  assert.equal(body.total, 3)
  assert.equal(body.imported, 2)
  assert.equal(body.mode, 'valid_rows')
  assert.deepEqual(body.errors.map((e) => [e.row, e.field]).sort(), [[3, 'kind'], [3, 'student_count']])
  assert.ok(body.errors.every((e) => typeof e.message === 'string' && e.message.length > 0))
  assert.match(body.errors.find((e) => e.field === 'kind').message, /学堂/)
  const list = assertPage(await h.get(`/api/v1/institutions?q=${q('导入小学')}`, { session: s.tongcheng }))
  assert.deepEqual(list.items.map((x) => x.name).sort(), ['甲导入小学', '丙导入小学'].sort())
  const jia = list.items.find((x) => x.name === '甲导入小学')
  assert.equal(jia.kind, 'primary')
  assert.equal(jia.locality, 'rural')
  assert.equal(jia.student_count, 100)
  assert.equal(jia.region, '421222105')
  // Each imported record is audited as a create by the importer.
  const audit = assertOk(await h.get(`/api/v1/audit?entity=institution&entity_id=${jia.id}`, { session: s.tongcheng }))
  assert.deepEqual(audit.items.map((e) => [e.action, e.username]), [['create', 'tongcheng']])
})

test('all_or_nothing (the default) with one bad row imports nothing and changes nothing', async () => {
  const before = await total('/api/v1/institutions')
  const auditBefore = await total('/api/v1/audit?entity=institution')
  const csv = '名称,类型,城乡类别,行政区划代码\n丁全有小学,小学,乡村,421222105\n戊全有小学,小学,乡村,421222105\n己全有小学,小学,城外,421222105\n'
  const body = assertOk(await importInstitutions(csv))
  assert.equal(body.mode, 'all_or_nothing')
  assert.equal(body.total, 3)
  assert.equal(body.imported, 0)
  assert.deepEqual(body.errors.map((e) => [e.row, e.field]), [[4, 'locality']])
  assert.equal(await total('/api/v1/institutions'), before)
  assert.equal(await total(`/api/v1/institutions?q=${q('全有小学')}`), 0)
  assert.equal(await total('/api/v1/audit?entity=institution'), auditBefore)
  // An out-of-scope row counts as an error too.
  const scoped = assertOk(await importInstitutions('名称,类型,城乡类别,行政区划代码\n庚全有小学,小学,乡村,421222105\n辛全有小学,小学,乡村,654023100\n', 'all_or_nothing'))
  assert.equal(scoped.imported, 0)
  assert.deepEqual(scoped.errors.map((e) => e.row), [3])
  assert.equal(await total(`/api/v1/institutions?q=${q('全有小学')}`), 0)
  // Without errors, all rows go in.
  const ok = assertOk(await importInstitutions('名称,类型,城乡类别,行政区划代码\n壬全有小学,小学,乡村,421222105\n癸全有小学,初中,城区,421222100\n', 'all_or_nothing'))
  assert.deepEqual([ok.total, ok.imported, ok.errors], [2, 2, []])
  assert.equal(await total(`/api/v1/institutions?q=${q('全有小学')}`), 2)
})

test('a GB18030 CSV (as Chinese Excel saves it) imports correctly', async () => {
  // "名称,类型,城乡类别,行政区划代码\r\n塘湾小学,小学,乡村,421222105\r\n" in GB18030, byte by byte.
  const gb = {
    名称: 'c3 fb b3 c6', 类型: 'c0 e0 d0 cd', 城乡类别: 'b3 c7 cf e7 c0 e0 b1 f0', 行政区划代码: 'd0 d0 d5 fe c7 f8 bb ae b4 fa c2 eb',
    塘湾小学: 'cc c1 cd e5 d0 a1 d1 a7', 小学: 'd0 a1 d1 a7', 乡村: 'cf e7 b4 e5',
  }
  const bytes = (text) => Buffer.from(gb[text].replace(/ /g, ''), 'hex')
  const ascii = (text) => Buffer.from(text, 'latin1')
  const file = Buffer.concat([
    bytes('名称'), ascii(','), bytes('类型'), ascii(','), bytes('城乡类别'), ascii(','), bytes('行政区划代码'), ascii('\r\n'),
    bytes('塘湾小学'), ascii(','), bytes('小学'), ascii(','), bytes('乡村'), ascii(',421222105\r\n'),
  ])
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(file), 'the file is not UTF-8')
  const body = assertOk(await importInstitutions(file, 'valid_rows', s.tongcheng, { 'content-type': 'text/csv' }))
  assert.deepEqual([body.total, body.imported, body.errors], [1, 1, []])
  const list = assertPage(await h.get(`/api/v1/institutions?q=${q('塘湾')}`, { session: s.tongcheng }))
  assert.equal(list.items.length, 1)
  assert.equal(list.items[0].name, '塘湾小学')
  assert.equal(list.items[0].kind, 'primary')
  assert.equal(list.items[0].locality, 'rural')
})

test('a UTF-8 CSV with a BOM, quoted fields and English headers imports correctly', async () => {
  const csv = '\ufeffname,kind,locality,region,address,weak\r\n"逗号,引号""小学",primary,town,421222100,"通城县""东门"", 一号",是\r\n'
  const body = assertOk(await importInstitutions(csv, 'valid_rows'))
  assert.deepEqual([body.total, body.imported, body.errors], [1, 1, []])
  const x = assertPage(await h.get(`/api/v1/institutions?q=${q('逗号,引号"')}`, { session: s.tongcheng })).items[0]
  assert.equal(x.name, '逗号,引号"小学')
  assert.equal(x.address, '通城县"东门", 一号')
  assert.equal(x.locality, 'town')
  assert.equal(x.weak, true)
})

test('an unknown column header is reported (row 1) and nothing is imported', async () => {
  const body = assertOk(await importInstitutions('名称,类型,城乡类别,行政区划代码,校训\n校训小学,小学,乡村,421222105,勤学\n', 'valid_rows'))
  assert.equal(body.imported, 0)
  assert.deepEqual(body.errors.map((e) => [e.row, e.field]), [[1, '校训']])
  assert.match(body.errors[0].message, /校训/)
  const missing = assertOk(await importInstitutions('名称,类型,行政区划代码\n缺列小学,小学,421222105\n', 'valid_rows'))
  assert.equal(missing.imported, 0)
  assert.deepEqual(missing.errors.map((e) => [e.row, e.field]), [[1, 'locality']])
  assert.equal(await total(`/api/v1/institutions?q=${q('校训小学')}`), 0)
  assert.equal(await total(`/api/v1/institutions?q=${q('缺列小学')}`), 0)
  // English messages on request.
  const en = assertOk(await h.post('/api/v1/institutions/import?mode=valid_rows', '名称,类型,城乡类别,行政区划代码,motto\nx,小学,乡村,421222105,y\n',
    { session: s.tongcheng, headers: { ...CSV, 'accept-language': 'en' } }))
  assert.match(en.errors[0].message, /unknown column/)
})

test('staff import resolves the institution by exact name (or id), within the importer\'s scope', async () => {
  const csv = '姓名,性别,所在单位,任教学科,职称,出生日期,手机号\n' +
    `张三丰,男,五里镇湾头小学,语文、数学,中级,1985-01-02,13800009999\n` +
    `李四光,女,湾头小学,,,,\n` +
    `王五,女,霍城县第一中学,,,,\n` +
    `赵六,女,${instId['通城县实验小学']},音乐,,,\n`
  const body = assertOk(await importStaff(csv, 'valid_rows'))
  assert.equal(body.total, 4)
  assert.equal(body.imported, 2)
  assert.deepEqual(body.errors.map((e) => [e.row, e.field]), [[3, 'institution'], [4, 'institution']])
  assert.match(body.errors[0].message, /湾头小学/)
  const zhang = assertPage(await h.get(`/api/v1/staff?q=${q('张三丰')}`, { session: s.tongcheng })).items[0]
  assert.equal(zhang.institution, instId['五里镇湾头小学'])
  assert.equal(zhang.gender, 'male')
  assert.deepEqual(zhang.subjects, ['chinese', 'math'])
  assert.equal(zhang.title, 'intermediate')
  assert.equal(zhang.birth_date, '1985-01-02')
  assert.equal(assertOk(await h.get(`/api/v1/staff/${zhang.id}`, { session: s.tongcheng })).phone, '13800009999')
  const zhao = assertPage(await h.get(`/api/v1/staff?q=${q('赵六')}`, { session: s.tongcheng })).items[0]
  assert.equal(zhao.institution_name, '通城县实验小学')
  assert.equal(await total(`/api/v1/staff?q=${q('王五')}`), 0)
  assert.equal(await total(`/api/v1/staff?q=${q('李四光')}`), 0)
  // An institution admin imports into their own institution only.
  const own = assertOk(await importStaff('姓名,性别,所在单位\n孙七,女,通城县实验小学\n周八,男,五里镇湾头小学\n', 'valid_rows', s.shiyan))
  assert.equal(own.imported, 1)
  assert.deepEqual(own.errors.map((e) => [e.row, e.field]), [[3, 'institution']])
})

test('.xlsx files import too: the templates as downloaded', async () => {
  const tpl = (await h.get('/api/v1/staff/import/template.xlsx', { session: s.shiyan })).bytes
  const before = await total(`/api/v1/staff?q=${q('李家红')}`)
  const body = assertOk(await importStaff(tpl, 'valid_rows', s.shiyan, { 'content-type': XLSX_TYPE }))
  assert.deepEqual([body.total, body.imported, body.errors], [1, 1, []])
  assert.equal(await total(`/api/v1/staff?q=${q('李家红')}`), before + 1)
  // The institutions template's example is the demo's 五里镇湾头小学: a duplicate, reported on row 2.
  const itpl = (await h.get('/api/v1/institutions/import/template.xlsx', { session: s.tongcheng })).bytes
  const dup = assertOk(await importInstitutions(itpl, 'valid_rows', s.tongcheng, { 'content-type': XLSX_TYPE }))
  assert.equal(dup.imported, 0)
  assert.deepEqual(dup.errors.map((e) => [e.row, e.field]), [[2, 'name']])
})

test('import refusals: read-only roles 403, bad mode 400, empty body 400, unreadable file 422', async () => {
  const csv = '名称,类型,城乡类别,行政区划代码\n只读小学,小学,乡村,421222105\n'
  assertError(await importInstitutions(csv, 'valid_rows', s.inspector), 403, 'forbidden')
  assertError(await importInstitutions(csv, 'valid_rows', s.teacher1), 403, 'forbidden')
  assertError(await importStaff('姓名,性别,所在单位\n某,女,通城县实验小学\n', 'valid_rows', s.inspector), 403, 'forbidden')
  assertError(await importInstitutions(csv, 'some_rows'), 400, 'malformed', ['mode'])
  assertError(await importInstitutions('', 'valid_rows'), 400, 'malformed')
  assertError(await importInstitutions(Buffer.from('d0cf11e0a1b11ae10000000000000000', 'hex'), 'valid_rows'), 422, 'validation', ['file'])
  assertError(await importInstitutions('PK\x03\x04not really a zip', 'valid_rows'), 422, 'validation', ['file'])
  assertError(await h.post('/api/v1/institutions/import', csv, { headers: CSV }), 401, 'unauthenticated')
  assertError(await h.post('/api/v1/institutions/import', csv, { session: s.tongcheng, csrf: false, headers: CSV }), 403, 'csrf_missing')
  // An institution admin may not add institutions, by import either.
  assertError(await importInstitutions('名称,类型,城乡类别,行政区划代码\n单位导入小学,小学,乡村,421222100\n', 'valid_rows', s.shiyan), 403, 'forbidden')
  assert.equal(await total(`/api/v1/institutions?q=${q('只读小学')}`), 0)
  assert.equal(await total(`/api/v1/institutions?q=${q('单位导入小学')}`), 0)
})

// Sends the request head only, declaring a body larger than the server accepts, and reads the
// answer: the server must refuse on the declared length without waiting for the body.
function postHeadOnly(base, path, headers, length) {
  const u = new URL(base)
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(u.port), u.hostname)
    let got = Buffer.alloc(0)
    const timer = setTimeout(() => {
      sock.destroy()
      reject(new Error('no answer within 10 s'))
    }, 10_000)
    sock.on('data', (d) => (got = Buffer.concat([got, d])))
    sock.on('error', reject)
    sock.on('close', () => {
      clearTimeout(timer)
      const text = got.toString('utf8')
      const [head, ...rest] = text.split('\r\n\r\n')
      resolve({ status: Number(head.split(' ')[1]), head, body: rest.join('\r\n\r\n') })
    })
    let req = `POST ${path} HTTP/1.1\r\nHost: ${u.host}\r\nContent-Length: ${length}\r\n`
    for (const [k, v] of Object.entries(headers)) req += `${k}: ${v}\r\n`
    sock.write(req + '\r\n')
  })
}

test('an import body over the server\'s 32 MiB limit is refused with 413 (declared length)', async () => {
  const res = await postHeadOnly(h.base, '/api/v1/institutions/import?mode=valid_rows',
    { cookie: s.tongcheng.cookie, 'x-csrf-token': s.tongcheng.csrf, 'content-type': 'text/csv' }, 32 * 1024 * 1024 + 1)
  assert.equal(res.status, 413, res.head)
  assert.match(res.head, /content-type: application\/json/i)
  assert.equal(JSON.parse(res.body).error.code, 'too_large')
  // The server is fine afterwards.
  assertOk(await h.get('/healthz'))
})

test('an import body over the server\'s 32 MiB limit, actually sent, gets the 413 answer', async () => {
  const big = Buffer.alloc(32 * 1024 * 1024 + 1024, 0x61)
  const res = await importInstitutions(big, 'valid_rows')
  assertError(res, 413, 'too_large')
})

test('a JSON body over 1 MiB to a JSON endpoint is a 413 (the import limit is larger)', async () => {
  const res = await h.post('/api/v1/institutions', { name: 'x', address: 'a'.repeat(1024 * 1024) }, { session: s.tongcheng })
  assertError(res, 413, 'too_large')
  // A 2 MiB CSV is fine for an import: it is read and its rows are checked. (The bulk rides in
  // the 行政区划 column, which exports carry and imports ignore, so the rows stay few and fast.)
  const bulk = '备注'.repeat(350 * 1024)
  const csv = `名称,类型,城乡类别,行政区划代码,行政区划\n大包一小学,小学,乡村,421222105,${bulk}\n大包二小学,学堂,乡村,421222105,${bulk}\n`
  assert.ok(Buffer.byteLength(csv) > 2 * 1024 * 1024)
  const body = assertOk(await importInstitutions(csv, 'all_or_nothing'))
  assert.equal(body.total, 2)
  assert.equal(body.imported, 0)
  assert.deepEqual(body.errors.map((e) => [e.row, e.field]), [[3, 'kind']])
  assert.equal(await total(`/api/v1/institutions?q=${q('大包')}`), 0)
  const ok = assertOk(await importInstitutions(csv.replace('学堂', '小学'), 'all_or_nothing'))
  assert.deepEqual([ok.total, ok.imported, ok.errors], [2, 2, []])
  assert.equal(await total(`/api/v1/institutions?q=${q('大包')}`), 2)
})

test('SIGTERM shuts the server down gracefully (exit code 0)', async () => {
  const r = await h.server.stop()
  assert.deepEqual(r, { code: 0, signal: null }, h.server.output())
})
