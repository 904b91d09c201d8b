// At the file-descriptor limit (issue 17): a server that cannot accept more connections waits
// instead of spinning on accept, says why once in its log, and serves again as soon as
// connections close. The server runs under `ulimit -n 64`; the test opens more connections than
// that and keeps them open.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'

import { assertOk, bangfuBin, DEFAULT_SERVE_ARGS, serve, setup, sleep } from './harness.mjs'

let h
let limited
let dir
before(async () => {
  h = await setup()
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bangfu-fd-'))
  const wrapper = path.join(dir, 'bangfu-limited')
  fs.writeFileSync(wrapper, `#!/bin/sh\nulimit -n 64\nexec '${bangfuBin()}' "$@"\n`, { mode: 0o755 })
  limited = await serve(wrapper, h.db.url, { args: [...DEFAULT_SERVE_ARGS, '--workers', '2'] })
})
after(async () => {
  await limited?.stop()
  await h?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

// CPU seconds the process has used (user + system), from /proc.
function cpuSeconds(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

test('out of descriptors: no spinning, one log line, and service resumes', async () => {
  const url = new URL(limited.url)
  const get = () => fetch(`${limited.url}/healthz`, { signal: AbortSignal.timeout(10_000) })
  assert.equal((await get()).status, 200)
  // More connections than descriptors: the ones past the limit wait in the listen backlog.
  const sockets = []
  for (let i = 0; i < 120; i++) {
    sockets.push(await new Promise((resolve) => {
      const s = net.connect(Number(url.port), url.hostname)
      s.on('error', () => {})
      s.once('connect', () => resolve(s))
      setTimeout(() => resolve(s), 200)
    }))
  }
  await sleep(500)
  const before = cpuSeconds(limited.child.pid)
  await sleep(2000)
  const used = cpuSeconds(limited.child.pid) - before
  // Spinning on accept burns a whole core (2 s); waiting costs next to nothing.
  assert.ok(used < 0.5, `the server used ${used} s of CPU in 2 s while out of descriptors`)
  for (const s of sockets) s.destroy()
  // Served again once connections close (the idle ones time out or are closed by the client).
  let ok = false
  for (let i = 0; i < 20 && !ok; i++) {
    try {
      ok = (await get()).status === 200
    } catch {
      await sleep(500)
    }
  }
  assert.ok(ok, 'the server did not serve again after the connections closed')
  const said = limited.output().match(/out of file descriptors/g) || []
  assert.ok(said.length >= 1, `the log does not say why: ${limited.output().slice(-500)}`)
  assert.ok(said.length <= 3, `the cause is logged ${said.length} times, not once per attempt`)
  assertOk(await h.get('/healthz'))
})
