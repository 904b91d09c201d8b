// The demo's plans and tasks (data/demo/pairing.json, loaded by `bangfu demo`): the seeds'
// approved plans of 通城县 and 叶集区 with their tasks and the four haves they make complete.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { assertOk, assertPage, setup } from './harness.mjs'

let h
let s
before(async () => {
  h = await setup({ fullDemo: true })
  s = await h.loginAll(['wantou', 'yeji'])
})
after(async () => {
  await h?.close()
})
test("the demo's plans and tasks: the seeds' approved plans of 通城县 with their tasks", async () => {
  const plans = assertPage(await h.get(`/api/v1/plans?q=${encodeURIComponent('通城县实验小学城乡结对帮扶工作实施方案')}`, { session: s.wantou }))
  assert.equal(plans.total, 1)
  assert.equal(plans.items[0].approval, 'approved')
  assert.equal(plans.items[0].kind, 'implementation')
  assert.equal(plans.items[0].pairing_label, '通城县实验小学 → 五里镇湾头小学')
  const sem = assertPage(await h.get(`/api/v1/plans?q=${encodeURIComponent('2026年秋季学期结对帮扶工作计划')}`, { session: s.wantou })).items[0]
  const tasks = assertPage(await h.get(`/api/v1/plans/${sem.id}/tasks`, { session: s.wantou })).items
  assert.deepEqual(tasks.map((x) => x.description).sort(), ['本学期送示范课不少于3节', '本学期领导互访不少于2次'])
  const leaders = tasks.find((x) => x.activity_type === 'leader_visit')
  assert.equal(leaders.owner_staff_name, '李凤鸣')
  assert.equal(leaders.progress.target, 2)
})

test("the demo's 叶集区 program has its program-level plans approved", async () => {
  const programs = assertPage(await h.get('/api/v1/programs?page_size=100', { session: s.yeji }), { pageSize: 100 }).items
  const yj = programs.find((p) => p.region === '341504')
  assert.ok(yj, 'the 叶集区 program is in the demo')
  const r = assertOk(await h.get(`/api/v1/programs/${yj.id}/four-haves`, { session: s.yeji }))
  const byKey = Object.fromEntries(r.items.map((i) => [i.key, i.ok]))
  assert.equal(byKey.implementation_plan, true)
  // The annual plan covers 2026 only; the check is made for today.
  const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
  assert.equal(byKey.phased_plan, today >= '2026-01-01' && today <= '2026-12-31')
})
