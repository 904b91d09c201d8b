// The demo's donations and shared resources (data/demo/pairing.json) as the seeds report them:
// 叶集区 "funds of 290,000 yuan and materials worth 1.7 million", 通城县's 5,000 yuan for window
// glass and 3,100 yuan from students, the beds, projectors and books to 芦溪中学, the sports
// equipment worth 30,000 yuan to 霍城县江苏幼儿园; a lesson plan 湾头小学 can download.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { assertOk, assertPage, setup } from './harness.mjs'

let h
let s
before(async () => {
  h = await setup({ fullDemo: true })
  s = await h.loginAll(['admin', 'yeji', 'tongcheng', 'wantou', 'huocheng', 'sanyuan'])
})
after(async () => {
  await h?.close()
})

async function programNamed(name) {
  const page = assertOk(await h.get(`/api/v1/programs?q=${encodeURIComponent(name)}`, { session: s.admin }))
  const p = page.items.find((x) => x.name === name)
  assert.ok(p, `program ${name} missing from the demo`)
  return p
}

test('叶集区: funds of 290,000 yuan and materials worth 1.7 million over four years', async () => {
  const yj = await programNamed('叶集区城乡学校结对帮扶')
  const t = assertOk(await h.get(`/api/v1/donations/totals?group=year&program=${yj.id}`, { session: s.yeji }))
  assert.equal(t.total.funds_fen, 29_000_000)
  assert.equal(t.total.materials_fen, 170_000_000)
  assert.deepEqual(t.rows.map((r) => r.key), ['2023', '2024', '2025', '2026'])
  const byCategory = assertOk(await h.get(`/api/v1/donations/totals?group=category&program=${yj.id}`, { session: s.yeji }))
  assert.ok(byCategory.rows.some((r) => r.label === '图书' && r.materials_fen === 24_000_000), JSON.stringify(byCategory.rows))
})

test('通城县: 5,000 yuan for window glass and 3,100 yuan from students for 31 poor students', async () => {
  const page = assertPage(await h.get('/api/v1/donations?kind=funds&sort=amount_fen', { session: s.wantou }))
  const amounts = page.items.map((x) => [x.amount_fen, x.donor_kind, x.recipient_institution_name])
  assert.deepEqual(amounts, [[310000, 'students', '五里镇湾头小学'], [500000, 'institution', '五里镇湾头小学']])
})

test('materials as counted in the seeds: 100 sets of beds and desks, 70 projectors, 500 books; sports equipment worth 30,000 yuan', async () => {
  const all = assertPage(await h.get('/api/v1/donations?kind=materials&page_size=200', { session: s.admin }), { pageSize: 200 }).items
  const find = (unit, quantity) => all.find((x) => x.unit === unit && x.quantity === quantity)
  assert.equal(find('套', 100)?.category, 'furniture')
  assert.equal(find('台', 70)?.category, 'audio_visual')
  assert.equal(find('册', 500)?.category, 'books')
  const kg = assertPage(await h.get('/api/v1/donations?category=sports', { session: s.huocheng })).items
  assert.ok(kg.some((x) => x.recipient_institution_name === '霍城县江苏幼儿园' && x.amount_fen === 3_000_000), JSON.stringify(kg))
})

test('the demo lesson plan is shared with 湾头小学 and downloads; 三元中学 sees its own courseware only', async () => {
  const wantou = assertPage(await h.get('/api/v1/resources', { session: s.wantou })).items
  const plan = wantou.find((x) => x.title === '李家红语文示范课教学设计')
  assert.ok(plan, JSON.stringify(wantou))
  const file = await h.get(`/api/v1/resources/${plan.id}/file`, { session: s.wantou })
  assert.equal(file.status, 200)
  assert.match(file.text, /教学目标/)
  const sanyuan = assertPage(await h.get('/api/v1/resources', { session: s.sanyuan })).items.map((x) => x.title)
  assert.ok(sanyuan.includes('高三化学一轮复习课件'))
  assert.ok(!sanyuan.includes('李家红语文示范课教学设计'))
})
