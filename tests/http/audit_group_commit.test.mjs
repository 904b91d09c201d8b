// Unmasked reads of personal data are audited through a group commit: the entries of concurrent
// requests are written in one transaction, each response is sent only after its entry is
// committed, every read leaves exactly one entry, and a read whose entry cannot be written fails
// instead of being served unaudited. To hold the commit back, the test takes the database's write
// lock from outside (SQLite: BEGIN IMMEDIATE in the sqlite3 shell; PostgreSQL: LOCK TABLE
// audit_log in psql), as a slow disk or a long write would.
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { after, before, test } from 'node:test'

import { ENGINE, assertError, assertOk, assertPage, setup, sleep } from './harness.mjs'

let h
let s
let withPhone // demo staff whose admin detail shows a phone (so it is audited)
let inspected // one of them in the inspector's region: the inspector's read of it is masked
before(async () => {
  h = await setup() // the default 4 workers
  s = await h.loginAll(['admin', 'inspector'])
  withPhone = assertPage(await h.get('/api/v1/staff?page_size=200', { session: s.admin }), { pageSize: 200 })
    .items.filter((x) => x.phone !== '').map((x) => x.id)
  assert.ok(withPhone.length >= 4, 'the demo has staff with phones')
  inspected = assertPage(await h.get('/api/v1/staff?page_size=200', { session: s.inspector }), { pageSize: 200 })
    .items.find((x) => x.phone !== '')?.id
  assert.ok(inspected, 'the inspector sees staff with phones')
})
after(async () => {
  await h?.close()
})

const sqlitePath = () => h.db.url.replace(/^sqlite:/, '')

// One SQL text through the engine's shell; returns its output.
function sql(text) {
  const r = ENGINE === 'sqlite'
    ? spawnSync('sqlite3', [sqlitePath(), text], { encoding: 'utf8' })
    : spawnSync('psql', [h.db.url, '-v', 'ON_ERROR_STOP=1', '-qAtX', '-c', text], { encoding: 'utf8' })
  return { ok: r.status === 0, out: (r.stdout || '').trim(), err: r.stderr }
}

// Takes the write lock on audit_log in a shell session that stays open; resolves once it is held,
// to a function that commits and closes the session.
async function holdAuditWrites() {
  const shell = ENGINE === 'sqlite'
    ? spawn('sqlite3', [sqlitePath()], { stdio: ['pipe', 'ignore', 'inherit'] })
    : spawn('psql', [h.db.url, '-v', 'ON_ERROR_STOP=1', '-qAtX'], { stdio: ['pipe', 'ignore', 'inherit'] })
  const exited = new Promise((resolve) => shell.once('exit', resolve))
  shell.stdin.write(ENGINE === 'sqlite' ? 'BEGIN IMMEDIATE;\n' : 'BEGIN;\nLOCK TABLE audit_log IN EXCLUSIVE MODE;\n')
  const held = () => ENGINE === 'sqlite'
    ? !sql('BEGIN IMMEDIATE; ROLLBACK;').ok // the shell has no busy timeout: fails at once if held
    : sql("SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'audit_log' AND l.mode = 'ExclusiveLock' AND l.granted").out === '1'
  for (let i = 0; !held(); i++) {
    assert.ok(i < 100, 'could not take the write lock')
    await sleep(20)
  }
  return async () => {
    shell.stdin.end('COMMIT;\n')
    await exited
  }
}

const audited = async (id) =>
  assertOk(await h.get(`/api/v1/audit?entity=staff&entity_id=${id}&action=read_personal`, { session: s.admin })).total
const lastEntryId = async () => assertOk(await h.get('/api/v1/audit?page_size=1', { session: s.admin })).items[0]?.id ?? 0

test('N concurrent unmasked reads leave exactly N audit entries, one per read', async () => {
  const ids = withPhone.slice(0, 8)
  const each = 6
  const before = Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await audited(id)])))
  const answers = await Promise.all(
    ids.flatMap((id) => Array.from({ length: each }, () => h.get(`/api/v1/staff/${id}`, { session: s.admin }))))
  for (const r of answers) assert.equal(assertOk(r).phone_masked, false)
  for (const id of ids) assert.equal(await audited(id), before[id] + each, `entries of staff ${id}`)
  // Masked reads are not audited.
  const inspectorBefore = await audited(inspected)
  for (const r of await Promise.all(Array.from({ length: 5 }, () => h.get(`/api/v1/staff/${inspected}`, { session: s.inspector })))) {
    assert.equal(assertOk(r).phone_masked, true)
  }
  assert.equal(await audited(inspected), inspectorBefore)
})

test('each response is sent only after its entry is committed, and waiting reads share a commit', async () => {
  const ids = withPhone.slice(0, 3) // three of the four workers wait; the fourth serves others
  const before = await Promise.all(ids.map(audited))
  const firstNew = (await lastEntryId()) + 1
  const release = await holdAuditWrites()
  let answered = 0
  const reads = ids.map((id) => h.get(`/api/v1/staff/${id}`, { session: s.admin }).then((r) => {
    answered++
    return r
  }))
  await sleep(800)
  // Meanwhile the server answers what needs no audit entry.
  assertPage(await h.get('/api/v1/staff?page_size=1', { session: s.admin }), { pageSize: 1 })
  assert.equal(answered, 0, 'an unmasked read was answered before its audit entry was committed')
  await release()
  const answers = await Promise.all(reads)
  for (const r of answers) assert.equal(assertOk(r).phone_masked, false)
  assert.deepEqual(await Promise.all(ids.map(audited)), before.map((n) => n + 1))
  if (ENGINE === 'postgresql') {
    // The first read's entry waited alone on the lock; the others queued meanwhile and were
    // committed together: at most two transactions for three entries.
    const txs = Number(sql(`SELECT count(DISTINCT xmin::text) FROM audit_log WHERE id >= ${firstNew} AND action = 'read_personal'`).out)
    assert.ok(txs >= 1 && txs <= 2, `${txs} transactions`)
  }
})

test('a read whose audit entry cannot be written fails and shows nothing', async () => {
  const id = withPhone[0]
  const refuse = ENGINE === 'sqlite'
    ? "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'refused'); END"
    : "ALTER TABLE audit_log ADD CONSTRAINT refuse_audit CHECK (action <> 'read_personal') NOT VALID"
  const allow = ENGINE === 'sqlite' ? 'DROP TRIGGER refuse_audit' : 'ALTER TABLE audit_log DROP CONSTRAINT refuse_audit'
  const before = await audited(id)
  assert.ok(sql(refuse).ok)
  try {
    const answers = await Promise.all(Array.from({ length: 4 }, () => h.get(`/api/v1/staff/${id}`, { session: s.admin })))
    for (const r of answers) {
      assertError(r, 500, 'internal')
      assert.ok(!r.text.includes('phone'), 'no personal data in a failed read')
    }
    // Masked reads need no entry and go on.
    assert.equal(assertOk(await h.get(`/api/v1/staff/${inspected}`, { session: s.inspector })).phone_masked, true)
  } finally {
    assert.ok(sql(allow).ok)
  }
  assert.equal(await audited(id), before)
  assert.equal(assertOk(await h.get(`/api/v1/staff/${id}`, { session: s.admin })).phone_masked, false)
  assert.equal(await audited(id), before + 1)
})
