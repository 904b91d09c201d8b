// Programs, leading groups and inspections on the full demo (data/demo/pairing.json): the
// schools of a pairing record its inspections and see its program; the demo's organisation.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { assertError, assertOk, assertPage, readXlsxRows, setup } from './harness.mjs'

let h
let s
before(async () => {
  h = await setup({ fullDemo: true })
  s = await h.loginAll(['admin', 'yeji', 'wantou'])
})
after(async () => {
  await h?.close()
})

test('inspections of a pairing: the schools of the pairing record them, see the program; program-level stays the bureau\'s', async () => {
  const sanyuan = await h.login('sanyuan')
  // The demo records an inspection of the 三元中学 pairing in 叶集区's program.
  const demo = assertPage(await h.get('/api/v1/inspections?page_size=200', { session: sanyuan }), { pageSize: 200 })
  const ofPairing = demo.items.find((x) => x.pairing !== null)
  assert.ok(ofPairing, 'the demo has an inspection of a pairing of 三元中学')
  assert.match(ofPairing.pairing_label, /→/)
  assert.match(ofPairing.pairing_label, /三元中学/)
  const program = assertOk(await h.get(`/api/v1/programs/${ofPairing.program}`, { session: sanyuan }))
  assert.ok(program.pairing_count >= 1)
  assert.ok(program.active_pairing_count >= 1)
  const rec = assertOk(await h.post('/api/v1/inspections', { program: ofPairing.program, pairing: ofPairing.pairing, inspected_on: '2026-11-20', inspectors: '三元中学自查小组', checked: '跟岗教师到岗' }, { session: sanyuan }), 201)
  assert.equal(rec.pairing, ofPairing.pairing)
  assertOk(await h.patch(`/api/v1/inspections/${rec.id}`, { findings: '全部到岗' }, { session: sanyuan }))
  assertError(await h.post('/api/v1/inspections', { program: ofPairing.program, inspected_on: '2026-11-20', inspectors: 'x' }, { session: sanyuan }), 403, 'forbidden')
  // The program's bureau sees it; a school of another county does not.
  assert.ok(assertPage(await h.get(`/api/v1/inspections?pairing=${ofPairing.pairing}`, { session: s.yeji })).items.some((x) => x.id === rec.id))
  assertError(await h.get(`/api/v1/inspections/${rec.id}`, { session: s.wantou }), 404, 'not_found')
  assertError(await h.patch(`/api/v1/inspections/${rec.id}`, { findings: 'x' }, { session: s.wantou }), 403, 'forbidden')
  // The school reads the program's organisation but does not change it.
  assertOk(await h.get(`/api/v1/programs/${ofPairing.program}/leading-group`, { session: sanyuan }))
  assertOk(await h.get(`/api/v1/programs/${ofPairing.program}/documents`, { session: sanyuan }))
  assertError(await h.post(`/api/v1/programs/${ofPairing.program}/leading-group`, { role: 'member', name: 'x' }, { session: sanyuan }), 403, 'forbidden')
  assertError(await h.patch(`/api/v1/programs/${ofPairing.program}`, { name: 'x' }, { session: sanyuan }), 403, 'forbidden')
  assert.equal((await h.del(`/api/v1/inspections/${rec.id}`, { session: sanyuan })).status, 204)
})

test('the demo program of 叶集区 lists its leading group in role order and is exported', async () => {
  const page = assertPage(await h.get('/api/v1/programs?q=' + encodeURIComponent('叶集区城乡学校结对帮扶'), { session: s.yeji }))
  const demo = page.items.find((x) => x.name === '叶集区城乡学校结对帮扶' && x.region === '341504' && x.start_date === '2022-09-01')
  assert.ok(demo, 'the demo program of 叶集区')
  const group = assertOk(await h.get(`/api/v1/programs/${demo.id}/leading-group`, { session: s.yeji }))
  const order = { leader: 0, deputy: 1, member: 2, office: 3 }
  const ranks = group.items.map((x) => order[x.role])
  assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b))
  const res = await h.get('/api/v1/programs/export.xlsx?q=' + encodeURIComponent('叶集区城乡学校结对帮扶'), { session: s.yeji })
  assert.ok(readXlsxRows(res.bytes).some((r) => r.includes('叶集区城乡学校结对帮扶')))
})
