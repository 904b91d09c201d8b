// Programs and pairings for the tests of work recorded under them (donations, resources),
// created through the API as a user would.
import assert from 'node:assert/strict'

export async function createProgram(h, session, { name, region, kind = 'urban_rural_school', start_date = '2023-09-01', status = 'active' }) {
  const res = await h.post('/api/v1/programs', { name, kind, region, start_date, status }, { session })
  assert.equal(res.status, 201, `create program: ${res.text}`)
  return res.json.id
}

export async function createPairing(h, session, { program, supporter, recipient, dimensions = ['funds', 'materials'], start_date = '2023-09-01', status = 'active' }) {
  const res = await h.post('/api/v1/pairings', { program, supporter, recipient, dimensions, start_date, status }, { session })
  assert.equal(res.status, 201, `create pairing: ${res.text}`)
  return res.json.id
}

export async function endPairing(h, session, id) {
  const res = await h.patch(`/api/v1/pairings/${id}`, { status: 'ended', end_date: '2025-07-01' }, { session })
  assert.equal(res.status, 200, `end pairing: ${res.text}`)
}
