// Regions: list, tree, detail, create, rename, delete and export, with the scope of every role.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { assertError, assertOk, assertPage, assertXlsx, readXlsxRows, setup } from './harness.mjs'

let h
let s
before(async () => {
  h = await setup()
  s = await h.loginAll(['admin', 'tongcheng', 'huocheng', 'shiyan', 'teacher1', 'inspector', 'inspector_ah'])
})
after(async () => {
  await h?.close()
})

const codes = (page) => page.items.map((r) => r.code)

test('a system admin lists every region, paged, with the documented fields', async () => {
  const p1 = assertPage(await h.get('/api/v1/regions', { session: s.admin }))
  assert.equal(p1.total, 44)
  assert.equal(p1.items.length, 20)
  for (const r of p1.items) {
    assert.deepEqual(Object.keys(r).sort(), ['code', 'level', 'name', 'parent'])
  }
  // Default order is by code.
  assert.deepEqual(codes(p1), [...codes(p1)].sort())
  const p3 = assertPage(await h.get('/api/v1/regions?page=3', { session: s.admin }), { page: 3 })
  assert.equal(p3.total, 44)
  assert.equal(p3.items.length, 4)
  const p2 = assertPage(await h.get('/api/v1/regions?page=2&page_size=30', { session: s.admin }), { page: 2, pageSize: 30 })
  assert.equal(p2.items.length, 14)
  const beyond = assertPage(await h.get('/api/v1/regions?page=9', { session: s.admin }), { page: 9 })
  assert.deepEqual(beyond.items, [])
  assert.equal(beyond.total, 44)
  const hubei = p1.items.find((r) => r.code === '421222')
  assert.deepEqual(hubei, { code: '421222', name: '通城县', level: 'county', parent: '421200' })
})

test('each role lists only the regions of its scope', async () => {
  const tc = assertPage(await h.get('/api/v1/regions', { session: s.tongcheng }))
  assert.deepEqual(codes(tc), ['421222', '421222100', '421222105'])
  assert.equal(tc.total, 3)
  const insp = assertPage(await h.get('/api/v1/regions', { session: s.inspector }))
  assert.deepEqual(codes(insp), ['421222', '421222100', '421222105'])
  const ah = assertPage(await h.get('/api/v1/regions', { session: s.inspector_ah }))
  assert.deepEqual(codes(ah), ['341500', '341504', '341504001', '341504002', '341504102', '341504200'])
  // People of an institution see the chain of regions above it, and nothing beside it.
  const chain = ['420000', '421200', '421222', '421222100']
  assert.deepEqual(codes(assertPage(await h.get('/api/v1/regions', { session: s.shiyan }))), chain)
  assert.deepEqual(codes(assertPage(await h.get('/api/v1/regions', { session: s.teacher1 }))), chain)
})

test('filters parent and level, q search (name or code), and sorting', async () => {
  const children = assertPage(await h.get('/api/v1/regions?parent=654023', { session: s.admin }))
  assert.deepEqual(codes(children), ['654023100', '654023101', '654023103', '654023204'])
  const counties = assertPage(await h.get('/api/v1/regions?level=county&page_size=200', { session: s.admin }), { pageSize: 200 })
  assert.equal(counties.total, 9)
  assert.ok(counties.items.every((r) => r.level === 'county'))
  const q = assertPage(await h.get('/api/v1/regions?q=' + encodeURIComponent('通城'), { session: s.admin }))
  assert.deepEqual(codes(q), ['421222'])
  const byCode = assertPage(await h.get('/api/v1/regions?q=6540231', { session: s.admin }))
  assert.deepEqual(codes(byCode), ['654023100', '654023101', '654023103'])
  // Out of scope matches are not found.
  assert.equal(assertPage(await h.get('/api/v1/regions?q=' + encodeURIComponent('霍城'), { session: s.tongcheng })).total, 0)
  // Pinyin order: 隽水镇 (jun) < 通城县 (tong) < 五里镇 (wu); code point order would differ.
  const byName = assertPage(await h.get('/api/v1/regions?sort=name', { session: s.tongcheng }))
  assert.deepEqual(byName.items.map((r) => r.name), ['隽水镇', '通城县', '五里镇'])
  const desc = assertPage(await h.get('/api/v1/regions?sort=-name', { session: s.tongcheng }))
  assert.deepEqual(desc.items.map((r) => r.name), ['五里镇', '通城县', '隽水镇'])
  const byCodeDesc = assertPage(await h.get('/api/v1/regions?sort=-code', { session: s.tongcheng }))
  assert.deepEqual(codes(byCodeDesc), ['421222105', '421222100', '421222'])
})

test('bad list parameters are 400 malformed naming the parameter', async () => {
  assertError(await h.get('/api/v1/regions?page_size=201', { session: s.admin }), 400, 'malformed', ['page_size'])
  assertError(await h.get('/api/v1/regions?page_size=0', { session: s.admin }), 400, 'malformed', ['page_size'])
  assertError(await h.get('/api/v1/regions?page=0', { session: s.admin }), 400, 'malformed', ['page'])
  assertError(await h.get('/api/v1/regions?page=two', { session: s.admin }), 400, 'malformed', ['page'])
  assertError(await h.get('/api/v1/regions?sort=population', { session: s.admin }), 400, 'malformed', ['sort'])
  assertError(await h.get('/api/v1/regions?province=420000', { session: s.admin }), 400, 'malformed', ['province'])
  assertPage(await h.get('/api/v1/regions?page_size=200', { session: s.admin }), { pageSize: 200 })
})

test('the tree is nested and limited to the scope', async () => {
  const tc = assertOk(await h.get('/api/v1/regions/tree', { session: s.tongcheng }))
  assert.equal(tc.length, 1)
  assert.equal(tc[0].code, '421222')
  assert.equal(tc[0].name, '通城县')
  assert.deepEqual(tc[0].children.map((c) => c.code).sort(), ['421222100', '421222105'])
  assert.deepEqual(tc[0].children[0].children, [])

  const all = assertOk(await h.get('/api/v1/regions/tree', { session: s.admin }))
  assert.deepEqual(all.map((r) => r.code).sort(), ['320000', '340000', '420000', '440000', '510000', '650000', '990000'])
  const count = (nodes) => nodes.reduce((n, x) => n + 1 + count(x.children), 0)
  assert.equal(count(all), 44)
  const xj = all.find((r) => r.code === '650000')
  assert.equal(xj.children[0].children[0].name, '霍城县')
  assert.equal(xj.children[0].children[0].children.length, 4)

  const chain = assertOk(await h.get('/api/v1/regions/tree', { session: s.shiyan }))
  assert.equal(chain.length, 1)
  assert.equal(chain[0].code, '420000')
  assert.equal(count(chain), 4)
})

test('GET of a region: in scope 200, out of scope 404', async () => {
  assert.deepEqual(assertOk(await h.get('/api/v1/regions/421222105', { session: s.tongcheng })),
    { code: '421222105', name: '五里镇', level: 'township', parent: '421222' })
  assertOk(await h.get('/api/v1/regions/421222105', { session: s.inspector }))
  assertError(await h.get('/api/v1/regions/654023', { session: s.tongcheng }), 404, 'not_found')
  assertError(await h.get('/api/v1/regions/654023100', { session: s.inspector }), 404, 'not_found')
  assertError(await h.get('/api/v1/regions/421222', { session: s.inspector_ah }), 404, 'not_found')
  // The institution's chain only: its own township yes, the neighbouring one no.
  assertOk(await h.get('/api/v1/regions/421200', { session: s.teacher1 }))
  assertError(await h.get('/api/v1/regions/421222105', { session: s.teacher1 }), 404, 'not_found')
  assertError(await h.get('/api/v1/regions/999999', { session: s.admin }), 404, 'not_found')
})

test('a bureau admin creates a township below their region; Chinese text and emoji are kept verbatim', async () => {
  const name = '测试·新村（一）"引号"🎉'
  const res = await h.post('/api/v1/regions', { code: '421222199', name, level: 'township', parent: '421222' }, { session: s.tongcheng })
  assert.deepEqual(assertOk(res, 201), { code: '421222199', name, level: 'township', parent: '421222' })
  assert.equal(assertOk(await h.get('/api/v1/regions/421222199', { session: s.tongcheng })).name, name)
  const found = assertPage(await h.get('/api/v1/regions?q=' + encodeURIComponent('·新村（一）"'), { session: s.tongcheng }))
  assert.deepEqual(codes(found), ['421222199'])
  const audit = assertOk(await h.get('/api/v1/audit?entity=region&entity_id=421222199', { session: s.tongcheng }))
  assert.equal(audit.items[0].action, 'create')
  assert.equal(audit.items[0].after.name, name)
})

test('region writes out of scope are 403 and change nothing', async () => {
  // Create below 霍城.
  assertError(await h.post('/api/v1/regions', { code: '654023999', name: '越权乡', level: 'township', parent: '654023' },
    { session: s.tongcheng }), 403, 'forbidden')
  assertError(await h.get('/api/v1/regions/654023999', { session: s.admin }), 404, 'not_found')
  // A sibling county beside their own is outside the subtree too.
  assertError(await h.post('/api/v1/regions', { code: '421299', name: '越权县', level: 'county', parent: '421200' },
    { session: s.tongcheng }), 403, 'forbidden')
  // Rename or delete 霍城's regions.
  assertError(await h.patch('/api/v1/regions/654023100', { name: '改名镇' }, { session: s.tongcheng }), 403, 'forbidden')
  assertError(await h.del('/api/v1/regions/654023204', { session: s.tongcheng }), 403, 'forbidden')
  assert.equal(assertOk(await h.get('/api/v1/regions/654023100', { session: s.admin })).name, '水定镇')
  assertOk(await h.get('/api/v1/regions/654023204', { session: s.admin }))
  // A bureau admin's own region is not theirs to rename.
  assertError(await h.patch('/api/v1/regions/421222', { name: '通城' }, { session: s.tongcheng }), 403, 'forbidden')
  // Read-only and institution roles write nothing.
  for (const who of ['inspector', 'teacher1', 'shiyan']) {
    assertError(await h.post('/api/v1/regions', { code: '421222198', name: '只读乡', level: 'township', parent: '421222' },
      { session: s[who] }), 403, 'forbidden')
    assertError(await h.patch('/api/v1/regions/421222105', { name: '改名' }, { session: s[who] }), 403, 'forbidden')
    assertError(await h.del('/api/v1/regions/421222105', { session: s[who] }), 403, 'forbidden')
  }
  assertError(await h.get('/api/v1/regions/421222198', { session: s.admin }), 404, 'not_found')
  assert.equal(assertOk(await h.get('/api/v1/regions/421222105', { session: s.admin })).name, '五里镇')
})

test('region creation validates every field', async () => {
  const post = (body) => h.post('/api/v1/regions', body, { session: s.admin })
  assertError(await post({ code: '42A222', name: 'x', level: 'county', parent: '421200' }), 422, 'validation', ['code'])
  assertError(await post({ code: '4212221', name: 'x', level: 'township', parent: '421222' }), 422, 'validation', ['code'])
  assertError(await post({ code: '421298', name: '', level: 'county', parent: '421200' }), 422, 'validation', ['name'])
  assertError(await post({ code: '421298', name: 'x', level: 'district', parent: '421200' }), 422, 'validation', ['level'])
  assertError(await post({ code: '421298', name: 'x', level: 'county' }), 422, 'validation', ['parent'])
  assertError(await post({ code: '421298', name: 'x', level: 'county', parent: '999999' }), 422, 'validation', ['parent'])
  assertError(await post({ code: '421298', name: 'x', level: 'province', parent: '421200' }), 422, 'validation', ['level'])
  assertError(await post({ code: 421298, name: 'x', level: 'county', parent: '421200' }), 422, 'validation', ['code'])
  assertError(await post({ code: '421298', name: ['x'], level: 'county', parent: '421200' }), 422, 'validation', ['name'])
  assertError(await post({ code: '421298', name: 'x', level: 'county', parent: '421200', population: 1 }), 422, 'validation', ['population'])
  assertError(await post({ code: '421222', name: '重复', level: 'county', parent: '421200' }), 409, 'conflict')
  assertError(await h.post('/api/v1/regions', '{"code":"421298",', { session: s.admin, headers: { 'content-type': 'application/json' } }), 400, 'malformed')
  assertError(await h.post('/api/v1/regions', '"421298"', { session: s.admin, headers: { 'content-type': 'application/json' } }), 400, 'malformed')
  assertError(await post({ code: '421298', name: 'x'.repeat(1024 * 1024), level: 'county', parent: '421200' }), 413, 'too_large')
  assertError(await h.get('/api/v1/regions/421298', { session: s.admin }), 404, 'not_found')
  // English messages on request.
  const en = await h.post('/api/v1/regions', { code: 'x', name: 'x', level: 'county', parent: '421200' },
    { session: s.admin, headers: { 'accept-language': 'en' } })
  assertError(en, 422, 'validation', ['code'])
  assert.match(en.json.error.fields.code, /digits/)
})

test('PATCH renames a region; code, level and parent cannot change', async () => {
  assertOk(await h.post('/api/v1/regions', { code: '421222197', name: '旧名乡', level: 'township', parent: '421222' }, { session: s.tongcheng }), 201)
  const res = await h.patch('/api/v1/regions/421222197', { name: '新名乡' }, { session: s.tongcheng })
  assert.deepEqual(assertOk(res), { code: '421222197', name: '新名乡', level: 'township', parent: '421222' })
  assertError(await h.patch('/api/v1/regions/421222197', { code: '421222196' }, { session: s.tongcheng }), 422, 'validation', ['code'])
  assertError(await h.patch('/api/v1/regions/421222197', { level: 'county' }, { session: s.tongcheng }), 422, 'validation', ['level'])
  assertError(await h.patch('/api/v1/regions/421222197', { parent: '421222105' }, { session: s.tongcheng }), 422, 'validation', ['parent'])
  assertError(await h.patch('/api/v1/regions/421222197', { name: 7 }, { session: s.tongcheng }), 422, 'validation', ['name'])
  assertError(await h.patch('/api/v1/regions/421222197', { nickname: 'x' }, { session: s.tongcheng }), 422, 'validation', ['nickname'])
  assertError(await h.patch('/api/v1/regions/421222197', 'name=x', { session: s.tongcheng }), 400, 'malformed')
  assertError(await h.patch('/api/v1/regions/421222000', { name: 'x' }, { session: s.tongcheng }), 404, 'not_found')
  assert.equal(assertOk(await h.get('/api/v1/regions/421222197', { session: s.tongcheng })).name, '新名乡')
  const audit = assertOk(await h.get('/api/v1/audit?entity=region&entity_id=421222197&action=update', { session: s.tongcheng }))
  assert.equal(audit.total, 1)
  assert.equal(audit.items[0].before.name, '旧名乡')
  assert.equal(audit.items[0].after.name, '新名乡')
})

test('DELETE removes an empty region (204) and refuses one with children or institutions (409)', async () => {
  assertError(await h.del('/api/v1/regions/421222', { session: s.admin }), 409, 'conflict')
  assertError(await h.del('/api/v1/regions/421222105', { session: s.tongcheng }), 409, 'conflict') // 湾头小学 is there
  assertOk(await h.get('/api/v1/regions/421222105', { session: s.admin }))
  assertOk(await h.post('/api/v1/regions', { code: '421222196', name: '待删乡', level: 'township', parent: '421222' }, { session: s.tongcheng }), 201)
  const res = await h.del('/api/v1/regions/421222196', { session: s.tongcheng })
  assert.equal(res.status, 204)
  assert.equal(res.text, '')
  assertError(await h.get('/api/v1/regions/421222196', { session: s.admin }), 404, 'not_found')
  assertError(await h.del('/api/v1/regions/421222196', { session: s.tongcheng }), 404, 'not_found')
  const audit = assertOk(await h.get('/api/v1/audit?entity=region&entity_id=421222196', { session: s.admin }))
  assert.deepEqual(audit.items.map((e) => e.action), ['delete', 'create'])
})

test('export.xlsx of regions follows the scope and the filters', async () => {
  const res = await h.get('/api/v1/regions/export.xlsx', { session: s.huocheng })
  assertXlsx(res, '行政区划-')
  const rows = readXlsxRows(res.bytes)
  assert.deepEqual(rows[0], ['行政区划代码', '名称', '级别', '上级区划代码'])
  assert.deepEqual(rows.slice(1).map((r) => r[0]), ['654023', '654023100', '654023101', '654023103', '654023204'])
  assert.deepEqual(rows[1], ['654023', '霍城县', '县/区', '654000'])

  const en = await h.get('/api/v1/regions/export.xlsx?level=province', { session: s.admin, headers: { 'accept-language': 'en' } })
  assertXlsx(en, 'regions-')
  const enRows = readXlsxRows(en.bytes)
  assert.deepEqual(enRows[0], ['code', 'name', 'level', 'parent'])
  assert.equal(enRows.length, 1 + 7)
  assert.ok(enRows.slice(1).every((r) => r[2] === 'Province'))
  assertError(await h.get('/api/v1/regions/export.xlsx?sort=size', { session: s.admin }), 400, 'malformed', ['sort'])
  assertError(await h.get('/api/v1/regions/export.xlsx'), 401, 'unauthenticated')
})

test('SIGTERM shuts the server down gracefully (exit code 0)', async () => {
  const r = await h.server.stop()
  assert.deepEqual(r, { code: 0, signal: null }, h.server.output())
})
