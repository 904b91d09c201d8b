// The demo data set of the pairing work (data/demo/pairing.json) as a user finds it after
// `scripts/start.sh`: the seeds' programs, pairings, the ladder around 三元中学, the
// demonstration classes of 4 November and the donations, with the seeds' totals.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { assertOk, setup } from './harness.mjs'

let h
let admin
before(async () => {
  h = await setup({ fullDemo: true })
  admin = await h.login('admin')
})
after(async () => {
  await h?.close()
})

async function programNamed(name) {
  const page = assertOk(await h.get(`/api/v1/programs?q=${encodeURIComponent(name)}`, { session: admin }))
  const p = page.items.find((x) => x.name === name)
  assert.ok(p, `program ${name} missing from the demo`)
  return p
}

test('the demo holds the seeds’ programs with their leading groups and documents', async () => {
  const names = ['通城县中小学城乡结对帮扶', '叶集区城乡学校结对帮扶', '无锡市对口支援霍城县教育', '东莞理工学院对口帮扶企石镇铁炉坑村']
  for (const n of names) await programNamed(n)
  const yj = await programNamed('叶集区城乡学校结对帮扶')
  const docs = assertOk(await h.get(`/api/v1/programs/${yj.id}/documents`, { session: admin }))
  const list = Array.isArray(docs) ? docs : docs.items
  assert.ok(list.some((d) => d.doc_number === '叶教〔2022〕45号'), JSON.stringify(list))
  const group = assertOk(await h.get(`/api/v1/programs/${yj.id}/leading-group`, { session: admin }))
  const members = Array.isArray(group) ? group : group.items
  assert.ok(members.some((m) => m.role === 'leader'))
  assert.ok(members.some((m) => m.role === 'office'))
})

test('the ladder around 三元中学: recipient of 第一中学, supporter of 资源小学', async () => {
  const yj = await programNamed('叶集区城乡学校结对帮扶')
  const graph = assertOk(await h.get(`/api/v1/programs/${yj.id}/graph`, { session: admin }))
  const byName = Object.fromEntries(graph.nodes.map((n) => [n.name, n.id]))
  const sanyuan = byName['叶集区三元中学']
  assert.ok(sanyuan, '三元中学 is not in the graph')
  assert.ok(graph.edges.some((e) => e.recipient === sanyuan && e.supporter === byName['叶集区第一中学']))
  assert.ok(graph.edges.some((e) => e.supporter === sanyuan && e.recipient === byName['三元镇资源小学']))
  assert.equal(graph.edges.length, 9)
})

test('the demonstration classes of 4 November at 湾头小学: 李家红 (语文), 张峰 (体育), 吴恒珍 (音乐)', async () => {
  const page = assertOk(await h.get('/api/v1/activities?type=demonstration_class&date_from=2026-11-04&date_to=2026-11-04', { session: admin }))
  const classes = page.items.map((x) => [x.teacher_name, x.subject, x.host_name]).sort()
  assert.deepEqual(classes, [
    ['吴恒珍', 'music', '五里镇湾头小学'],
    ['张峰', 'pe', '五里镇湾头小学'],
    ['李家红', 'chinese', '五里镇湾头小学'],
  ].sort())
  const stats = assertOk(await h.get('/api/v1/activities/stats?group=month', { session: admin }))
  assert.ok(stats.rows.find((r) => r.key === '2026-11').activities >= 4)
})
