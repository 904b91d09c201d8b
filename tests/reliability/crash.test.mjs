// Crash test (issue 17): the server is killed with SIGKILL at random moments while four clients
// create institutions, each create sent with an Idempotency-Key and retried with the same key
// until it is answered (as the web UI does). Afterwards every acknowledged create is there,
// intact, once, with its audit entry; no retry made a duplicate; and on SQLite the database file
// passes PRAGMA integrity_check. Both engines (BANGFU_DB_ENGINE), KILLS kills (default 20).
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { after, before, test } from 'node:test'

import { ENGINE, serve, setup, sleep } from '../http/harness.mjs'

const KILLS = Number(process.env.KILLS || 20)
const WRITERS = 4
const PREFIX = `崩溃测试${process.pid}`
let h
let server // the current server (a new one, on a new port, after each kill)
let session

before(async () => {
  h = await setup()
  session = await h.login('tongcheng')
  server = h.server
})
after(async () => {
  await server?.stop()
  await h?.close()
})

async function post(body, key) {
  const res = await fetch(`${server.url}/api/v1/institutions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf, 'idempotency-key': key },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  })
  return { status: res.status, json: await res.json().catch(() => undefined) }
}

test(`${KILLS} kills during concurrent creates: every acknowledged write is there once, intact and audited`, async () => {
  const acknowledged = new Map() // key -> {id, name}
  const replays = []
  let stop = false
  let serial = 0
  const writer = async (w) => {
    while (!stop) {
      const n = serial++
      const key = `crash-${process.pid}-${w}-${n}`
      const body = { name: `${PREFIX}小学${w}-${n}`, kind: 'primary', locality: 'rural', region: '421222105', address: `第${n}号` }
      // The same request with the same key until it is answered, across kills.
      for (let attempt = 0; ; attempt++) {
        try {
          const res = await post(body, key)
          if (res.status === 201) {
            if (attempt > 0) replays.push(key)
            acknowledged.set(key, { id: res.json.id, name: body.name })
            break
          }
          if (res.status !== 503) assert.fail(`create answered ${res.status}: ${JSON.stringify(res.json)}`)
        } catch (e) {
          if (e instanceof assert.AssertionError) throw e
        }
        await sleep(100)
      }
    }
  }
  const writers = Array.from({ length: WRITERS }, (_, w) => writer(w))
  for (let k = 0; k < KILLS; k++) {
    await sleep(200 + Math.random() * 600)
    server.child.kill('SIGKILL')
    await server.stop()
    server = await serve(h.bin, h.db.url)
  }
  await sleep(500)
  stop = true
  await Promise.all(writers)
  assert.ok(acknowledged.size >= KILLS, `only ${acknowledged.size} creates were acknowledged`)

  // Every acknowledged create is there, with what was sent, and audited once.
  const get = async (path) => (await fetch(server.url + path, { headers: { cookie: session.cookie } })).json()
  const page = await get(`/api/v1/institutions?q=${encodeURIComponent(PREFIX)}&page_size=200`)
  let all = page.items
  for (let p = 2; all.length < page.total; p++) {
    all = all.concat((await get(`/api/v1/institutions?q=${encodeURIComponent(PREFIX)}&page_size=200&page=${p}`)).items)
  }
  const byName = new Map()
  for (const x of all) {
    assert.ok(!byName.has(x.name), `duplicate: ${x.name}`)
    byName.set(x.name, x)
  }
  for (const [key, ack] of acknowledged) {
    const row = byName.get(ack.name)
    assert.ok(row, `acknowledged create ${key} (${ack.name}) is missing`)
    assert.equal(row.id, ack.id, `${ack.name}: the answer named another record`)
  }
  // Creates that were committed but whose answer was lost before the kill, then retried: the
  // retry answered the first answer, so no name is there twice (checked above) and nothing is
  // there that no client asked for.
  assert.ok(all.length <= serial, `${all.length} records for ${serial} requests`)
  const audit = await get(`/api/v1/audit?entity=institution&action=create&page_size=200`)
  const audited = new Set(audit.items.map((e) => e.entity_id))
  let auditAll = audit.items.length
  for (let p = 2; auditAll < audit.total; p++) {
    const more = await get(`/api/v1/audit?entity=institution&action=create&page_size=200&page=${p}`)
    for (const e of more.items) audited.add(e.entity_id)
    auditAll += more.items.length
  }
  for (const x of all) assert.ok(audited.has(String(x.id)), `${x.name} has no audit entry`)
  if (ENGINE === 'sqlite') {
    const file = h.db.url.replace(/^sqlite:/, '')
    const r = spawnSync('sqlite3', [file, 'PRAGMA integrity_check'], { encoding: 'utf8' })
    assert.equal(r.stdout.trim(), 'ok', r.stderr)
  }
  console.log(`# ${KILLS} kills, ${acknowledged.size} creates acknowledged, ${replays.length} answered after a retry`)
})
