// Programs and pairings for the tests of work recorded under them. Through the API when the
// programs/pairings endpoints exist; otherwise (while they are being built on other branches)
// straight into the test's own database, so these tests do not wait for them.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'

function sql(h, statement) {
  const url = h.db.url
  const out = url.startsWith('sqlite:')
    ? execFileSync('sqlite3', ['-cmd', '.timeout 5000', url.slice('sqlite:'.length), statement], { encoding: 'utf8' })
    : execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAtX', '-c', statement], { encoding: 'utf8' })
  return out.trim()
}
const quote = (s) => `'${String(s).replace(/'/g, "''")}'`

export async function createProgram(h, session, { name, region, kind = 'urban_rural_school', start_date = '2023-09-01', status = 'active' }) {
  const res = await h.post('/api/v1/programs', { name, kind, region, start_date, status }, { session })
  if (res.status !== 404) {
    assert.equal(res.status, 201, `create program: ${res.text}`)
    return res.json.id
  }
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
  return Number(sql(h, `INSERT INTO programs (name, name_key, kind, region, start_date, status, created_at, updated_at) VALUES (${quote(name)}, ${quote(name)}, ${quote(kind)}, ${quote(region)}, ${quote(start_date)}, ${quote(status)}, ${quote(now)}, ${quote(now)}) RETURNING id`))
}

export async function createPairing(h, session, { program, supporter, recipient, dimensions = ['funds', 'materials'], start_date = '2023-09-01', status = 'active' }) {
  const res = await h.post('/api/v1/pairings', { program, supporter, recipient, dimensions, start_date, status }, { session })
  if (res.status !== 404) {
    assert.equal(res.status, 201, `create pairing: ${res.text}`)
    return res.json.id
  }
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
  const id = Number(sql(h, `INSERT INTO pairings (program, supporter, recipient, start_date, status, created_at, updated_at) VALUES (${program}, ${supporter}, ${recipient}, ${quote(start_date)}, ${quote(status)}, ${quote(now)}, ${quote(now)}) RETURNING id`))
  for (const d of dimensions) sql(h, `INSERT INTO pairing_dimensions (pairing, dimension) VALUES (${id}, ${quote(d)})`)
  return id
}

// Ends a pairing (status ended), through the API when it exists.
export async function endPairing(h, session, id) {
  const res = await h.patch(`/api/v1/pairings/${id}`, { status: 'ended', end_date: '2025-07-01' }, { session })
  if (res.status !== 404 || res.json?.error?.message?.includes('结对')) {
    assert.equal(res.status, 200, `end pairing: ${res.text}`)
    return
  }
  sql(h, `UPDATE pairings SET status = 'ended', end_date = '2025-07-01' WHERE id = ${id}`)
}
