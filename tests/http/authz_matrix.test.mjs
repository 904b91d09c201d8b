// The authorization matrix (issue 11): every route of the route table × every role × own scope /
// sibling county / parent region, from outside, over HTTP.
//
// The routes come from the server itself (GET /api/v1/openapi.json is generated from the route
// table), so a route added later is covered without editing this file: each route is placed at
// run time by its method and its path parameters. A route this file cannot place (a path
// parameter it does not know, a write without path parameters it has no body for, a GET that needs
// a query it cannot guess) FAILS the test with a message saying what to add. Nothing is skipped
// silently; the few exempt routes are listed in EXEMPT with the reason.
//
// Scopes, in the fictional 河阳省 › 凤栖市 990100 (see data/demo/README.md):
//   own  青禾县 990121: the actors' county; records made in a new township 990121977
//   sib  凤城区 990102: the sibling county under the same city; records in township 990102977
//   par  凤栖市 990100: the parent region; records of city-level institutions and a city program
// Every scope gets one record of every kind (program, pairing, plan, task, activity, donation,
// inspection, shared resource, leading-group member, policy document, dispatch batch, assignment,
// attachment study, subsidy item, appraisal, beneficiary, aid case, record, outcome, inbound cohort,
// unlock request, files, user, API token, …), built through the API as the system admin, each named
// with a marker (MX-OWN-…, MX-SIB-…, MX-PAR-…) so a leak into any answer (JSON, or the XML inside
// an .xlsx / .docx) is found by searching its text.
//
// Actors: system_admin (demo `admin`), and users made here: bureau_admin and inspector of 青禾县,
// institution_admin of the own recipient school, teacher (the own supporting teacher, who is
// dispatched, appraised and helps a beneficiary).
//
// The rule asserted (issue 11, docs/api.md "Scope"): out-of-scope reads answer 404, out-of-scope
// writes 403 (including writes naming an out-of-scope program, pairing, institution or assignment
// in the body or the query), no out-of-scope marker in any answer, and nothing out of scope changes.
// Positive controls: the system admin reads every record of every scope; the bureau admin reads
// every own-scope record; inspector, institution admin and teacher read the own-scope records their
// role may read (OWN_READS_NOT_REQUIRED lists the others); a list that shows the admin an own-scope
// marker shows it to the bureau admin (and to the inspector when the inspector may read the list).
//
// Where the server deviates from the rule today, KNOWN_DEVIATIONS says so, with the status it
// answers: the test passes on today's server, and fails when a deviation disappears (remove its
// line) or a new one appears. Leaks (an out-of-scope marker in any answer, an out-of-scope record
// changed or created) are never "known": they always fail. A 2xx that shows nothing out of scope
// (e.g. a parent region's own row) is a deviation and can be listed.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { after, before, test } from 'node:test'

import { PASSWORD, readZip, setup } from './harness.mjs'

// ---- what the test does not probe, and why ----------------------------------------------------

const EXEMPT = {
  'GET /healthz': 'no data: the database answers',
  'GET /api/v1/openapi.json': 'the contract itself: no records (it is the source of this test)',
  'GET /api/v1/dictionaries': 'global enumerations, the same for everyone, not scoped data',
  'POST /api/v1/dictionaries/{name}/entries': 'global extensible dictionaries: not scoped data',
  'POST /api/v1/auth/login': 'opens a session: names no record',
  'POST /api/v1/auth/logout': 'would end the shared sessions of this test; names no record',
  'POST /api/v1/auth/tokens': "creates the caller's own token: names no record",
  'GET /api/v1/auth/throttles': 'failed logins by name and address, of no region: system admins only, 403 for every other role (tests/http/auth.test.mjs)',
  'DELETE /api/v1/auth/throttles': 'clears failed logins by name, of no region: system admins only, 403 for every other role (tests/http/auth.test.mjs)',
}

// Answers that show records of every region by design: probed for status, not for markers.
const MARKER_EXEMPT = {
  'GET /api/v1/institutions/directory':
    'public fields of every institution of every region, to choose a cross-region pairing partner (docs/api.md)',
}

// Reads of one county (the national method evaluates counties): for the parent region, a city, the
// system admin is answered 422 on `region` (a city compares its counties at /api/v1/balance/counties),
// which is not a refusal of scope.
const COUNTY_ONLY = {
  'GET /api/v1/balance': 'the balance index of a county',
  'GET /api/v1/balance/export.xlsx': 'the balance index of a county, as a workbook',
}

// Imports answer row by row: an out-of-scope row may be refused as a row error ({imported: 0})
// instead of the whole request with 403. Either passes; a row that is imported fails.
const ROW_LEVEL = new Set(['POST /api/v1/institutions/import', 'POST /api/v1/staff/import', 'POST /api/v1/beneficiaries/import', 'POST /api/v1/balance/conditions/import'])

// Own-scope records a role need not read (its role does not cover the kind). Every other own-scope
// GET of a record must answer 2xx for the role (the positive control). By the kind of the record
// a route addresses (its last path parameter).
const OWN_READS_NOT_REQUIRED = {
  system_admin: [],
  bureau_admin: [],
  // Users are for admins (an inspector is answered 404 for every user).
  inspector: ['user', 'reco_run'],
  // The own teacher works at the supporting school and the inbound cohort is hosted there; the
  // institution admin is the recipient school's.
  institution_admin: ['staff', 'inbound_cohort', 'reco_run'],
  // The own `institution` fixture is the recipient school, not the teacher's; users are for admins.
  // Recommendation runs are for bureau admins (issue 18).
  teacher: ['institution', 'user', 'reco_run'],
}

// Deviations of today's server from "reads 404, writes 403": [method, route, roles, scopes, status].
// roles: '*' (every role but the system admin, who has no out of scope) or a comma-separated list;
// scopes: '*' (sib and par) or one of them. Found on main 48e7398; the 422s and 404s of writes
// found then are gone (writes out of scope answer 403 since issue 11).
const KNOWN_DEVIATIONS = [
  // Reads, 200 instead of 404: people of an institution see the chain of regions above theirs
  // (Scope::regions, store/scope.cpp), so the parent region's row, and the title evaluation of the
  // parent region (which then lists only the actor's own staff), answer 200. Nothing below the
  // parent region leaks.
  ['GET', '/api/v1/regions/{code}', 'institution_admin,teacher', 'par', 200],
  ['GET', '/api/v1/reports/title-evaluation', 'institution_admin,teacher', 'par', 200],
  ['GET', '/api/v1/reports/title-evaluation/export.xlsx', 'institution_admin,teacher', 'par', 200],
]

// ---- route placement --------------------------------------------------------------------------

// What a path parameter names, by the path up to it (earlier parameters written {}).
// `kind` is a key of the fixtures of a scope; `constant` is the same value in every scope.
const PARAMS = {
  '/api/v1/auth/tokens/{}': { kind: 'token' },
  '/api/v1/regions/{}': { kind: 'region' },
  '/api/v1/institutions/{}': { kind: 'institution' },
  '/api/v1/staff/{}': { kind: 'staff' },
  '/api/v1/users/{}': { kind: 'user' },
  '/api/v1/users/{}/permissions/{}': { constant: 'beneficiary_personal' },
  '/api/v1/permissions/{}': { constant: 'beneficiary_personal' },
  '/api/v1/programs/{}': { kind: 'program' },
  '/api/v1/programs/{}/leading-group/{}': { kind: 'lg_member' },
  '/api/v1/programs/{}/documents/{}': { kind: 'document' },
  '/api/v1/programs/{}/subsidy-items/{}': { kind: 'subsidy_item' },
  '/api/v1/pairings/{}': { kind: 'pairing' },
  '/api/v1/plans/{}': { kind: 'plan' },
  '/api/v1/tasks/{}': { kind: 'task' },
  '/api/v1/activities/{}': { kind: 'activity' },
  '/api/v1/activities/{}/attachments/{}': { kind: 'activity_file' },
  '/api/v1/inspections/{}': { kind: 'inspection' },
  '/api/v1/donations/{}': { kind: 'donation' },
  '/api/v1/resources/{}': { kind: 'resource' },
  '/api/v1/dispatch/batches/{}': { kind: 'batch' },
  '/api/v1/dispatch/assignments/{}': { kind: 'assignment' },
  '/api/v1/dispatch/attachments/{}': { kind: 'attachment_study' },
  '/api/v1/appraisals/{}': { kind: 'appraisal' },
  '/api/v1/reports/unlock-requests/{}': { kind: 'unlock_request' },
  '/api/v1/aid-cases/{}': { kind: 'aid_case' },
  '/api/v1/aid-cases/{}/records/{}': { kind: 'aid_record' },
  '/api/v1/aid-cases/{}/records/{}/attachments/{}': { kind: 'aid_record_file' },
  '/api/v1/aid-cases/{}/outcomes/{}': { kind: 'aid_outcome' },
  '/api/v1/beneficiaries/{}': { kind: 'beneficiary' },
  '/api/v1/inbound-cohorts/{}': { kind: 'inbound_cohort' },
  '/api/v1/recommendations/runs/{}': { kind: 'reco_run' },
}

// Queries tried on a GET without path parameters that answers the admin 400 without a query
// (a report of a scope, statistics of a program, …): every template the admin's own-scope call
// accepts is probed. Placeholders are fixture keys.
const REQUIRED_QUERIES = [
  'scope=institution:{institution}&year=2026',
  'scope=program:{program}&year=2026',
  'scope=region:{county}&year=2026',
  'program={program}',
  'program={program}&year=2026',
  'staff={staff}',
  'region={county}&year=2026',
  'region={county}',
  'institution={institution}',
]
// Filters tried on every list (kept where the admin's own-scope call accepts them): naming an
// out-of-scope record must answer 404, or 2xx without any out-of-scope marker.
const FILTERS = ['program={program}', 'pairing={pairing}', 'institution={institution}', 'staff={staff}', 'region={county}']

// PATCH bodies by the kind of the record (each would change what the admin reads back).
const HACK = 'MX-HACK'
const PATCH_BODY = {
  region: { name: HACK },
  institution: { name: HACK },
  staff: { name: HACK },
  user: { display_name: HACK },
  program: { name: HACK },
  pairing: { status: 'ended', end_date: '2026-07-01' },
  plan: { title: HACK },
  task: { description: HACK },
  activity: { topic: HACK },
  inspection: { findings: HACK },
  donation: { note: HACK },
  resource: { title: HACK },
  lg_member: { name: HACK },
  document: { title: HACK },
  subsidy_item: { name: HACK },
  batch: { note: HACK },
  assignment: { duties: HACK },
  attachment_study: { purpose: HACK },
  beneficiary: { name: HACK },
  aid_case: { goals: HACK },
  aid_record: { notes: HACK },
  aid_outcome: { note: HACK },
  inbound_cohort: { major: HACK },
}
// POST / PUT bodies on a record, by the path after the record's parameter; the rest send {}.
// (Uploads, by the last segment, send a file.) A body matters little: an out-of-scope write must
// answer 403 whatever it carries; a real body makes a leak show as a changed record.
const ACTION_BODY = (fx) => ({
  '/approval': { approval: 'submitted', comment: HACK },
  '/tasks': { description: HACK, owner_institution: fx.supporter, period_start: '2026-01-01', due_date: '2026-06-30', metric: 'activity_count', activity_type: 'demonstration_class', target: 1 },
  '/self': { self_summary: HACK },
  '/rate': { rating: 'excellent', recipient_comment: HACK },
  '/sender-opinion': { sender_opinion: HACK },
  '/approve': { office_comment: HACK },
  '/reopen': { reason: HACK, stage: 'self' },
  '/withdraw': { withdrawn_on: '2026-01-05', withdraw_reason: HACK },
  '/grant': { note: HACK },
  '/refuse': { note: HACK },
  '/records': { record_date: '2026-03-09', kind: 'tutoring', duration_minutes: 30, notes: HACK },
  '/outcomes': { recorded_on: '2026-03-30', note: HACK },
  '/leading-group': { role: 'member', name: HACK },
  '/documents': { title: HACK, issued_on: '2023-01-01' },
  '/subsidy-items': { name: HACK, frequency: 'one_time', amount_fen: 100 },
})
const UPLOADS = { file: 'pdf', agreement: 'pdf', attachments: 'png' }

// Writes without path parameters, naming the target scope's records (fx) in the body or query.
const CSV = { 'content-type': 'text/csv; charset=utf-8' }
const CREATE = {
  'POST /api/v1/regions': (fx) => ({ body: fx.tag === 'par'
    ? { code: '990188', name: HACK, level: 'county', parent: '990100' }
    : { code: `${fx.county}988`, name: HACK, level: 'township', parent: fx.county } }),
  'POST /api/v1/institutions': (fx) => ({ body: { name: HACK, kind: 'primary', locality: 'rural', region: fx.region } }),
  'POST /api/v1/institutions/import': (fx) => ({ headers: CSV, query: 'mode=valid_rows', body: `名称,类型,城乡类别,行政区划代码\n${HACK}小学,小学,乡村,${fx.region}\n` }),
  'POST /api/v1/staff': (fx) => ({ body: { name: HACK, gender: 'male', institution: fx.supporter } }),
  'POST /api/v1/staff/import': (fx) => ({ headers: CSV, query: 'mode=valid_rows', body: `姓名,性别,所在单位\n${HACK},男,${fx.supporter}\n` }),
  'POST /api/v1/users': (fx) => ({ body: { username: `mx_hack_${fx.tag}`, display_name: HACK, role: 'institution_admin', institution: fx.institution, password: PASSWORD } }),
  'POST /api/v1/programs': (fx) => ({ body: { name: HACK, kind: 'urban_rural_school', region: fx.county, start_date: '2026-01-01' } }),
  'POST /api/v1/pairings': (fx) => ({ body: { program: fx.program, supporter: fx.supporter, recipient: fx.institution, dimensions: ['teachers'], start_date: '2026-01-01', status: 'active' } }),
  'POST /api/v1/plans': (fx) => ({ body: { program: fx.program, pairing: fx.pairing, kind: 'annual', title: HACK, start_date: '2026-01-01', end_date: '2026-12-31' } }),
  'POST /api/v1/activities': (fx) => ({ body: { ...fx.bodies.activity, topic: HACK } }),
  'POST /api/v1/inspections': (fx) => ({ body: { ...fx.bodies.inspection, inspectors: HACK } }),
  'POST /api/v1/donations': (fx) => ({ body: { ...fx.bodies.donation, purpose: HACK } }),
  'POST /api/v1/resources': (fx) => ({ body: { ...fx.bodies.resource, title: HACK } }),
  'POST /api/v1/dispatch/batches': (fx) => ({ body: { program: fx.program, name: HACK, sendoff_date: '2026-09-01' } }),
  'POST /api/v1/dispatch/assignments': (fx) => ({ body: { ...fx.bodies.assignment, start_date: '2026-09-01', end_date: '2027-06-30', status: 'active', duties: HACK } }),
  'POST /api/v1/dispatch/attachments': (fx) => ({ body: { ...fx.bodies.attachment_study, purpose: HACK } }),
  'POST /api/v1/appraisals/launch': (fx) => ({ body: { program: fx.program, year: 2026 } }),
  'POST /api/v1/appraisals': (fx) => ({ body: { assignment: fx.assignment, year: 2026 } }),
  'POST /api/v1/aid-cases': (fx) => ({ body: { ...fx.bodies.aid_case, start_date: '2026-09-01', goals: HACK } }),
  'POST /api/v1/beneficiaries': (fx) => ({ body: { kind: 'student', name: HACK, gender: 'male', institution: fx.institution } }),
  'POST /api/v1/beneficiaries/import': (fx) => ({ headers: CSV, query: 'mode=valid_rows', body: `类别,姓名,性别,所在单位\n学生,${HACK},男,${fx.names.institution}\n` }),
  // The school by its number, so the row reaches the store's scope check (a name out of scope is
  // not found at all).
  'POST /api/v1/balance/conditions/import': (fx) => ({ headers: CSV, query: 'mode=valid_rows', body: `单位编号,学年,小学在校生数,初中在校生数,高于规定学历教师数,县级及以上骨干教师数,体育艺术专任教师数,教学及辅助用房面积（平方米）,体育运动场馆面积（平方米）,教学仪器设备值（元）,网络多媒体教室数\n${fx.institution},2025-2026,100,0,5,1,1,500,800,200000,3\n` }),
  'POST /api/v1/inbound-cohorts': (fx) => ({ body: { ...fx.bodies.inbound_cohort, major: HACK } }),
  'PUT /api/v1/balance/policy': (fx) => ({ query: `region=${fx.county}`, body: { min_students: 40 } }),
  'DELETE /api/v1/balance/policy': (fx) => ({ query: `region=${fx.county}` }),
  'PUT /api/v1/reports/written': (fx) => ({ query: `scope=institution:${fx.institution}&year=2025`, body: { feelings: HACK } }),
  // Recommendations (issue 18): the scope's region, batch and a proposal of its run.
  'POST /api/v1/recommendations/pairings': (fx) => ({ body: { region: fx.county, year: 2026, dimension: 'teachers' } }),
  'POST /api/v1/recommendations/dispatch': (fx) => ({ body: { batch: fx.batch } }),
  'POST /api/v1/recommendations/accept': (fx) => ({ body: { ids: [fx.reco_proposal], program: fx.program } }),
  'POST /api/v1/recommendations/reject': (fx) => ({ body: { ids: [fx.reco_proposal], reason: HACK } }),
  'POST /api/v1/reports/lock': (fx) => ({ query: `scope=institution:${fx.institution}&year=2025`, body: {} }),
  'POST /api/v1/reports/unlock-requests': (fx) => ({ query: `scope=institution:${fx.institution}&year=2026`, body: { reason: HACK } }),
}

// ---- plumbing ---------------------------------------------------------------------------------

const ROLES = ['system_admin', 'bureau_admin', 'inspector', 'institution_admin', 'teacher']
const SCOPES = ['own', 'sib', 'par']
const MARK = { own: 'MX-OWN-', sib: 'MX-SIB-', par: 'MX-PAR-' }
const CONCURRENCY = 8
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108000000003a7e9b550000000a49444154789c636800000082008177cd72b6' +
  '0000000049454e44ae426082', 'hex')
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

let h
const S = {} // sessions by role (and `school_sib`, `school_par`)
const FX = {} // fixtures by scope
let routes = [] // [{method, path, params}]
let requests = 0

before(async () => {
  h = await setup()
  S.system_admin = await h.login('admin')
  await Promise.all(SCOPES.map(async (tag) => { FX[tag] = await buildScope(tag) }))
  const own = FX.own
  const users = [
    ['bureau_admin', { role: 'bureau_admin', region: own.county }],
    ['inspector', { role: 'inspector', region: own.county }],
    ['teacher', { role: 'teacher', institution: own.supporter, staff: own.staff }],
  ]
  await Promise.all(users.map(async ([role, body]) => {
    await created(h.post('/api/v1/users', { username: `mx_own_${role}`, display_name: `MX-OWN-${role}`, password: PASSWORD, ...body }, admin()), `user ${role}`)
    S[role] = await h.login(`mx_own_${role}`)
  }))
  S.institution_admin = own.session
  const doc = await h.get('/api/v1/openapi.json')
  assert.equal(doc.status, 200, 'GET /api/v1/openapi.json')
  for (const [path, ops] of Object.entries(doc.json.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      routes.push({ method: method.toUpperCase(), path, params: (op.parameters || []).filter((p) => p.in === 'path').map((p) => p.name) })
    }
  }
}, { timeout: 600_000 })
after(async () => {
  await h?.close()
})

const admin = () => ({ session: S.system_admin })

async function created(promise, what) {
  const res = await promise
  assert.ok(res.status === 201 || res.status === 200, `fixture ${what}: ${res.status} ${res.text}`)
  return res.json
}

// One record of every kind in a scope, made by the system admin (unlock requests and tokens by
// the scope's institution admin, who may ask for them). Sequential: each needs the previous ones.
async function buildScope(tag) {
  const M = `MX-${tag.toUpperCase()}-`
  const county = { own: '990121', sib: '990102', par: '990100' }[tag]
  const fx = { tag, county, names: {}, bodies: {} }
  const a = admin()
  const post = (path, body, what) => created(h.post(path, body, a), `${tag} ${what}`)
  if (tag === 'par') {
    fx.region = county // the parent region itself
  } else {
    fx.region = (await post('/api/v1/regions', { code: `${county}977`, name: `${M}镇`, level: 'township', parent: county }, 'region')).code
  }
  const inst = (name, extra) => post('/api/v1/institutions', { name, kind: 'primary', locality: 'urban', region: fx.region, ...extra }, 'institution')
  fx.supporter = (await inst(`${M}支援学校`, { weak: false })).id
  fx.names.institution = `${M}受援学校`
  fx.institution = (await inst(fx.names.institution, { weak: true, locality: 'rural' })).id
  fx.staff = (await post('/api/v1/staff', {
    name: `${M}教师`, gender: 'female', institution: fx.supporter, role: 'teacher', subjects: ['math'], title: 'intermediate',
    years_teaching: 12, health: 'good', phone: '13800009001',
  }, 'staff')).id
  const school = `mx_${tag}_school`
  fx.user = (await post('/api/v1/users', { username: school, display_name: `${M}学校管理员`, role: 'institution_admin', institution: fx.institution, password: PASSWORD }, 'user')).id
  fx.program = (await post('/api/v1/programs', {
    name: `${M}帮扶项目`, kind: 'urban_rural_school', region: county, start_date: '2023-09-01', status: 'active', office: `${M}办公室`,
  }, 'program')).id
  fx.pairing = (await post('/api/v1/pairings', {
    program: fx.program, supporter: fx.supporter, recipient: fx.institution, dimensions: ['funds', 'materials'], start_date: '2023-09-01', status: 'active',
  }, 'pairing')).id
  await created(h.post(`/api/v1/pairings/${fx.pairing}/agreement?name=${encodeURIComponent(M + '协议.pdf')}`, PDF, a), `${tag} agreement`)
  fx.plan = (await post('/api/v1/plans', {
    program: fx.program, pairing: fx.pairing, kind: 'annual', title: `${M}计划`, content: '一、目标', start_date: '2026-01-01', end_date: '2026-12-31',
  }, 'plan')).id
  await created(h.post(`/api/v1/plans/${fx.plan}/file?name=${encodeURIComponent(M + '计划.pdf')}`, PDF, a), `${tag} plan file`)
  fx.task = (await post(`/api/v1/plans/${fx.plan}/tasks`, {
    description: `${M}任务`, owner_institution: fx.supporter, period_start: '2026-01-01', due_date: '2026-06-30',
    metric: 'activity_count', activity_type: 'demonstration_class', target: 3,
  }, 'task')).id
  fx.bodies.activity = {
    program: fx.program, pairing: fx.pairing, type: 'teacher_visit', start_date: '2026-03-04', end_date: '2026-03-04',
    host_institution: fx.institution, visiting_institution: fx.supporter, teachers_count: 2, topic: `${M}活动`, content: '送教',
    participants: [{ staff: fx.staff, role: '授课教师' }],
  }
  fx.activity = (await post('/api/v1/activities', fx.bodies.activity, 'activity')).id
  fx.activity_file = (await created(h.post(`/api/v1/activities/${fx.activity}/attachments?name=${encodeURIComponent(M + '照片.png')}`, PNG, a), `${tag} activity photo`)).id
  fx.bodies.donation = {
    program: fx.program, pairing: fx.pairing, kind: 'funds', donated_on: '2024-11-04', donor_kind: 'institution',
    donor_institution: fx.supporter, amount_fen: 500000, purpose: `${M}捐赠`,
  }
  fx.donation = (await post('/api/v1/donations', fx.bodies.donation, 'donation')).id
  fx.bodies.inspection = { program: fx.program, pairing: fx.pairing, inspected_on: '2024-06-01', inspectors: `${M}督导组`, findings: `${M}发现` }
  fx.inspection = (await post('/api/v1/inspections', fx.bodies.inspection, 'inspection')).id
  fx.bodies.resource = { owner_institution: fx.supporter, pairing: fx.pairing, title: `${M}资源`, kind: 'lesson_plan', subject: 'math', stage: 'primary' }
  fx.resource = (await post('/api/v1/resources', fx.bodies.resource, 'resource')).id
  await created(h.post(`/api/v1/resources/${fx.resource}/file?name=${encodeURIComponent(M + '教案.pdf')}`, PDF, a), `${tag} resource file`)
  fx.lg_member = (await post(`/api/v1/programs/${fx.program}/leading-group`, { role: 'leader', name: `${M}组长`, position: '局长', unit: `${M}教育局` }, 'leading group')).id
  fx.document = (await post(`/api/v1/programs/${fx.program}/documents`, { title: `${M}文件`, doc_number: `${M}〔2023〕1号`, issuer: `${M}教育局`, issued_on: '2023-08-28' }, 'document')).id
  await created(h.post(`/api/v1/programs/${fx.program}/documents/${fx.document}/file?name=${encodeURIComponent(M + '文件.pdf')}`, PDF, a), `${tag} document file`)
  fx.subsidy_item = (await post(`/api/v1/programs/${fx.program}/subsidy-items`, { name: `${M}补贴`, frequency: 'one_time', amount_fen: 100000, min_rating: 'competent' }, 'subsidy item')).id
  fx.batch = (await post('/api/v1/dispatch/batches', { program: fx.program, name: `${M}批次`, sendoff_date: '2025-09-01', planned_count: 3 }, 'batch')).id
  fx.bodies.assignment = {
    program: fx.program, batch: fx.batch, staff: fx.staff, recipient_institution: fx.institution, start_date: '2025-09-01', end_date: '2026-06-30',
    subjects: ['math'], weekly_hours_recipient: 12, weekly_hours_home: 2, housing: '周转房', duties: `${M}职责`, volunteered: true, status: 'completed',
  }
  fx.assignment = (await post('/api/v1/dispatch/assignments', fx.bodies.assignment, 'assignment')).id
  fx.bodies.attachment_study = {
    program: fx.program, kind: 'shadowing', headcount: 2, home_institution: fx.institution, host_institution: fx.supporter,
    start_date: '2025-10-13', end_date: '2025-10-17', schedule: '每月一周', days: 5, purpose: `${M}跟岗`,
  }
  fx.attachment_study = (await post('/api/v1/dispatch/attachments', fx.bodies.attachment_study, 'attachment study')).id
  fx.appraisal = (await post('/api/v1/appraisals', { assignment: fx.assignment, year: 2026 }, 'appraisal')).id
  fx.beneficiary = (await post('/api/v1/beneficiaries', {
    kind: 'student', name: `${M}学生`, gender: 'male', institution: fx.institution, grade: '四年级', categories: ['left_behind'], phone: '13800009002',
  }, 'beneficiary')).id
  fx.bodies.aid_case = {
    beneficiary: fx.beneficiary, helper_kind: 'staff', helper_staff: fx.staff, start_date: '2026-03-01', goals: `${M}目标`,
    cadences: [{ kind: 'tutoring', every_count: 1, every_unit: 'week' }],
  }
  fx.aid_case = (await post('/api/v1/aid-cases', fx.bodies.aid_case, 'aid case')).id
  fx.aid_record = (await post(`/api/v1/aid-cases/${fx.aid_case}/records`, { record_date: '2026-03-08', kind: 'tutoring', duration_minutes: 45, notes: `${M}记录` }, 'aid record')).id
  fx.aid_record_file = (await created(h.post(`/api/v1/aid-cases/${fx.aid_case}/records/${fx.aid_record}/attachments?name=${encodeURIComponent(M + '家访.png')}`, PNG, a), `${tag} aid photo`)).id
  fx.aid_outcome = (await post(`/api/v1/aid-cases/${fx.aid_case}/outcomes`, { recorded_on: '2026-03-30', note: `${M}进展` }, 'aid outcome')).id
  fx.bodies.inbound_cohort = {
    program: fx.program, host_institution: fx.supporter, origin_region: '654023', school_year: 2026, stage: 'senior',
    grade: '高一', major: `${M}专业`, student_count: 5, fee_exemption: '100.00',
  }
  fx.inbound_cohort = (await post('/api/v1/inbound-cohorts', fx.bodies.inbound_cohort, 'inbound cohort')).id
  // Proposed pairings of the scope's region: the weak school has none on teachers.
  const run = await post('/api/v1/recommendations/pairings', { region: county, year: 2026, dimension: 'teachers' }, 'recommendation run')
  fx.reco_run = run.id
  fx.reco_proposal = (run.proposals.find((p) => p.recipient === fx.institution) ?? run.proposals[0])?.id
  assert.ok(fx.reco_proposal, `${tag}: the recommendation run proposes nothing: ${JSON.stringify(run.unmatched)}`)
  // A locked yearly report of the recipient school, and its admin's unlock request and API token.
  await created(h.post(`/api/v1/reports/lock?scope=institution:${fx.institution}&year=2026`, {}, a), `${tag} report lock`)
  fx.session = await h.login(school)
  fx.unlock_request = (await created(h.post(`/api/v1/reports/unlock-requests?scope=institution:${fx.institution}&year=2026`, { reason: `${M}解锁` }, { session: fx.session }), `${tag} unlock request`)).id
  fx.token = (await created(h.post('/api/v1/auth/tokens', { name: `${M}令牌` }, { session: fx.session }), `${tag} token`)).id
  return fx
}

async function pool(items, fn, n = CONCURRENCY) {
  const out = new Array(items.length)
  let next = 0
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i])
    }
  }))
  return out
}

// The text of an answer: JSON / HTML as is, the XML parts of a zip (.xlsx, .docx) concatenated.
function textOf(res) {
  if (res.bytes.length > 4 && res.bytes.subarray(0, 2).toString('latin1') === 'PK') {
    try {
      return [...readZip(res.bytes).values()].map((b) => b.toString('utf8')).join('\n')
    } catch (e) {
      return res.text
    }
  }
  return res.text
}

async function call(role, method, url, { body, headers } = {}) {
  requests++
  const res = await h.api(method, url, { session: S[role], body, headers, raw: true })
  return { status: res.status, text: textOf(res) }
}

const fill = (template, fx) => template.replace(/\{(\w+)\}/g, (_, k) => {
  assert.ok(fx[k] !== undefined, `no fixture ${k}`)
  return String(fx[k])
})
const key = (r) => `${r.method} ${r.path}`
const is2xx = (s) => s >= 200 && s < 300

// Places a route: { kind: 'record'|'list'|'create', url(fx), addressed } or { error }.
function place(r) {
  if (r.params.length === 0) {
    if (r.method === 'GET') return { kind: 'list', url: () => r.path }
    if (CREATE[key(r)]) return { kind: 'create' }
    return { error: `${key(r)}: a write without path parameters; add to CREATE in authz_matrix.test.mjs a body naming the target scope's records (fx.program, fx.pairing, fx.institution, …)` }
  }
  const parts = []
  let prefix = ''
  let addressed = null
  const re = /\{(\w+)\}/g
  let last = 0
  let m
  while ((m = re.exec(r.path))) {
    prefix += r.path.slice(last, m.index) + '{}'
    last = m.index + m[0].length
    const p = PARAMS[prefix]
    if (!p) return { error: `${key(r)}: unknown path parameter {${m[1]}} after "${prefix.slice(0, -2)}"; add "${prefix}" to PARAMS in authz_matrix.test.mjs (the fixture kind it names, made in buildScope)` }
    parts.push(p)
    if (p.kind) addressed = p.kind
  }
  const tail = r.path.slice(last)
  const url = (fx) => {
    let i = 0
    return r.path.replace(re, () => {
      const p = parts[i++]
      return encodeURIComponent(p.kind ? fx[p.kind] : p.constant)
    })
  }
  if (!addressed) return r.method === 'GET' ? { kind: 'list', url } : { error: `${key(r)}: a write naming no scoped record; add it to EXEMPT or give its parameter a kind in PARAMS` }
  return { kind: 'record', url, addressed, tail, lastParamIsAddressed: tail === '' }
}

function writeRequest(r, pl, fx) {
  let url = pl.url(fx)
  if (r.method === 'DELETE') return { url }
  const seg = r.path.split('/').pop()
  if (r.method === 'POST' && UPLOADS[seg] && pl.tail !== '') {
    const ext = UPLOADS[seg]
    return { url: `${url}?name=${HACK}.${ext}`, body: ext === 'png' ? PNG : PDF }
  }
  if (r.method === 'PATCH' && pl.tail === '') return { url, body: PATCH_BODY[pl.addressed] ?? {} }
  const action = ACTION_BODY(fx)[pl.tail]
  return { url, body: action ?? {} }
}

function matchList(list, v) {
  return list === '*' || list.split(',').includes(v)
}

// ---- the matrix -------------------------------------------------------------------------------

const rows = [] // every probe: {route, role, scope, variant, status, expected, problem}
const problems = []
const deviations = []

function judge(p) {
  rows.push(p)
  if (p.problem) problems.push(`${p.route} [${p.variant}] ${p.role} ${p.scope}: ${p.status} — ${p.problem}`)
  else if (p.deviation) deviations.push(p)
}

// An out-of-scope answer: a leak (an out-of-scope marker in the answer) is a problem; any answer
// other than `want` is a deviation (KNOWN_DEVIATIONS lists today's). `echo`: strings of the request
// itself, which an answer may repeat (a row error naming the institution it was sent) without
// leaking anything.
function outOfScope(p, res, want, { roleDenied = false, allow2xxWithoutMarkers = false, echo = [] } = {}) {
  p.status = res.status
  let text = res.text
  for (const e of echo) if (e.includes('MX-')) text = text.split(e).join('')
  const leaked = ['sib', 'par'].filter((s) => text.includes(MARK[s]))
  if (leaked.length && !MARKER_EXEMPT[p.route]) p.problem = `leaked ${leaked.map((s) => MARK[s]).join(', ')} (${snippet(text, MARK[leaked[0]])})`
  else if (res.status >= 500) p.problem = `server error: ${res.text.slice(0, 200)}`
  else if (res.status === want || (roleDenied && res.status === 403) || (allow2xxWithoutMarkers && is2xx(res.status))) { /* the rule */ }
  else {
    p.deviation = true
    if (is2xx(res.status)) p.note = res.text.slice(0, 160)
  }
}

// The strings of a request body (JSON values, CSV cells).
function stringsOf(body) {
  if (body === undefined || body === null) return []
  if (Buffer.isBuffer(body)) return []
  if (typeof body === 'string') return body.split(/[,\n]/)
  if (typeof body === 'object') return Object.values(body).flatMap(stringsOf)
  return []
}

function snippet(text, mark) {
  const i = text.indexOf(mark)
  return text.slice(Math.max(0, i - 60), i + 60).replace(/\s+/g, ' ')
}

test('every route of the route table is placed, and the out-of-scope answers are 404 / 403 with nothing leaked', { timeout: 900_000 }, async () => {
  const started = Date.now()
  const placed = []
  const unplaced = []
  for (const r of routes) {
    if (EXEMPT[key(r)]) continue
    const pl = place(r)
    if (pl.error) unplaced.push(pl.error)
    else placed.push({ r, pl })
  }
  assert.ok(routes.length > 150, `only ${routes.length} routes in openapi.json`)

  const others = ROLES.filter((x) => x !== 'system_admin')
  const readers = new Map() // `${route}|${role}` → own status of record reads

  // -- reads of records: GET with a record in the path ---------------------------------------
  const recordReads = placed.filter(({ r, pl }) => pl.kind === 'record' && r.method === 'GET')
  const ownReads = []
  for (const { r, pl } of recordReads) for (const role of ROLES) ownReads.push({ r, pl, role })
  await pool(ownReads, async ({ r, pl, role }) => {
    const res = await call(role, 'GET', pl.url(FX.own))
    readers.set(`${key(r)}|${role}`, res.status)
    const p = { route: key(r), method: 'GET', role, scope: 'own', variant: 'record', status: res.status }
    const notRequired = OWN_READS_NOT_REQUIRED[role].includes(pl.addressed)
    if (!is2xx(res.status) && !notRequired) p.problem = `positive control: an own-scope ${pl.addressed} should be readable by ${role}: ${res.text.slice(0, 160)}`
    judge(p)
  })
  const outReads = []
  for (const { r, pl } of recordReads) for (const role of ROLES) for (const scope of ['sib', 'par']) outReads.push({ r, pl, role, scope })
  await pool(outReads, async ({ r, pl, role, scope }) => {
    const res = await call(role, 'GET', pl.url(FX[scope]))
    const p = { route: key(r), method: 'GET', role, scope, variant: 'record' }
    if (role === 'system_admin') {
      p.status = res.status
      if (!is2xx(res.status)) p.problem = `positive control: the system admin should read the ${scope} ${pl.addressed}: ${res.text.slice(0, 160)}`
    } else {
      outOfScope(p, res, 404, { roleDenied: readers.get(`${key(r)}|${role}`) === 403 })
    }
    judge(p)
  })

  // Snapshot (as the admin) of every out-of-scope record, to compare after the writes.
  // Downloads and .xlsx files are left out: a download may count itself, a workbook carries its time.
  const snapRoutes = recordReads.filter(({ r }) => !/\/(file|agreement)$|\/attachments\/\{file\}$|\.xlsx$/.test(r.path))
  const snapshot = async () => {
    const out = new Map()
    const jobs = []
    for (const { r, pl } of snapRoutes) for (const scope of ['sib', 'par']) jobs.push({ r, pl, scope })
    await pool(jobs, async ({ r, pl, scope }) => {
      const res = await call('system_admin', 'GET', pl.url(FX[scope]))
      out.set(`${key(r)} ${scope}`, `${res.status} ${res.text.replace(/"download_count":\d+,?/g, '')}`)
    })
    return out
  }
  const before = await snapshot()

  // -- lists, exports, statistics and reports: GET without a record in the path ---------------
  const lists = placed.filter(({ pl }) => pl.kind === 'list')
  const listVariants = [] // {r, variant, query(fx) | null, filter}
  await pool(lists, async ({ r, pl }) => {
    const base = pl.url(FX.own)
    const bare = await call('system_admin', 'GET', base)
    const variants = []
    if (bare.status === 400) {
      for (const q of REQUIRED_QUERIES) {
        const res = await call('system_admin', 'GET', `${base}?${fill(q, FX.own)}`)
        if (is2xx(res.status)) variants.push({ variant: q, q, required: true })
      }
      if (variants.length === 0) {
        unplaced.push(`${key(r)}: answers 400 without a query and none of REQUIRED_QUERIES works for it; add its query to REQUIRED_QUERIES in authz_matrix.test.mjs`)
        return
      }
    } else {
      variants.push({ variant: 'bare', q: null })
      for (const q of ['q=MX-&page_size=200', 'q=MX-']) {
        const res = await call('system_admin', 'GET', `${base}?${q}`)
        if (is2xx(res.status)) {
          variants.push({ variant: 'q', q })
          break
        }
      }
      for (const q of FILTERS) {
        const res = await call('system_admin', 'GET', `${base}?${fill(q, FX.own)}`)
        if (is2xx(res.status)) variants.push({ variant: q, q, filter: true })
      }
    }
    for (const v of variants) listVariants.push({ r, pl, ...v })
  })
  const listJobs = []
  for (const v of listVariants) {
    for (const role of ROLES) {
      for (const scope of (v.q && v.variant !== 'q') ? SCOPES : ['own']) listJobs.push({ ...v, role, scope })
    }
  }
  const listOwn = new Map()
  // Own scope (and unfiltered lists) first: the admin's answer is the reference of the positive control.
  const ownJobs = listJobs.filter((j) => j.scope === 'own')
  await pool(ownJobs, async (j) => {
    const url = j.q ? `${j.pl.url(FX.own)}?${fill(j.q, FX.own)}` : j.pl.url(FX.own)
    const res = await call(j.role, 'GET', url)
    listOwn.set(`${key(j.r)}|${j.variant}|${j.role}`, res)
  })
  for (const j of ownJobs) {
    const res = listOwn.get(`${key(j.r)}|${j.variant}|${j.role}`)
    const adminRes = listOwn.get(`${key(j.r)}|${j.variant}|system_admin`)
    const p = { route: key(j.r), method: 'GET', role: j.role, scope: 'own', variant: j.variant, status: res.status }
    if (j.role !== 'system_admin') {
      const leaked = ['sib', 'par'].filter((s) => res.text.includes(MARK[s]))
      if (leaked.length && !MARKER_EXEMPT[p.route]) p.problem = `leaked ${leaked.map((s) => MARK[s]).join(', ')} (${snippet(res.text, MARK[leaked[0]])})`
      else if (res.status >= 500) p.problem = `server error: ${res.text.slice(0, 200)}`
      else if (adminRes.text.includes(MARK.own) && (j.role === 'bureau_admin' || (j.role === 'inspector' && is2xx(res.status))) && !res.text.includes(MARK.own)) {
        p.problem = `positive control: the admin's answer shows an own-scope record (${snippet(adminRes.text, MARK.own)}), the ${j.role}'s does not: ${res.text.slice(0, 160)}`
      } else if (j.required && j.role === 'bureau_admin' && !is2xx(res.status)) {
        p.problem = `positive control: the bureau admin should read its own scope's ${j.variant}: ${res.text.slice(0, 160)}`
      }
    } else if (res.status >= 500) p.problem = `server error: ${res.text.slice(0, 200)}`
    judge(p)
  }
  await pool(listJobs.filter((j) => j.scope !== 'own'), async (j) => {
    const res = await call(j.role, 'GET', `${j.pl.url(FX[j.scope])}?${fill(j.q, FX[j.scope])}`)
    const p = { route: key(j.r), method: 'GET', role: j.role, scope: j.scope, variant: j.variant }
    if (j.role === 'system_admin') {
      p.status = res.status
      const countyOnly = COUNTY_ONLY[p.route] && j.scope === 'par' && res.status === 422
      if (!is2xx(res.status) && !countyOnly) p.problem = `positive control: the system admin should read the ${j.scope} scope's ${j.variant}: ${res.text.slice(0, 160)}`
    } else {
      const own = listOwn.get(`${key(j.r)}|${j.variant}|${j.role}`)
      outOfScope(p, res, 404, { roleDenied: own?.status === 403, allow2xxWithoutMarkers: !!j.filter })
    }
    judge(p)
  })

  // -- writes: on out-of-scope records, and creations naming out-of-scope records -------------
  const writes = placed.filter(({ r, pl }) => pl.kind !== 'list' && r.method !== 'GET')
  const jobsOf = (list) => {
    const jobs = []
    for (const { r, pl } of list) for (const role of others) for (const scope of ['sib', 'par']) jobs.push({ r, pl, role, scope })
    return jobs
  }
  const runWrite = async ({ r, pl, role, scope }) => {
    const fx = FX[scope]
    let req
    if (pl.kind === 'create') {
      const c = CREATE[key(r)](fx)
      req = { url: c.query ? `${r.path}?${c.query}` : r.path, body: c.body, headers: c.headers }
    } else {
      req = writeRequest(r, pl, fx)
    }
    const res = await call(role, r.method, req.url, req)
    const p = { route: key(r), method: r.method, role, scope, variant: pl.kind === 'create' ? 'body' : 'record' }
    let imported = null
    if (ROW_LEVEL.has(key(r)) && is2xx(res.status)) {
      try { imported = JSON.parse(res.text).imported } catch { /* not JSON */ }
    }
    outOfScope(p, res, 403, { echo: stringsOf(req.body), allow2xxWithoutMarkers: imported === 0 })
    if (imported !== null && imported !== 0) p.problem = `an import naming an out-of-scope record imported ${imported} row(s): ${res.text.slice(0, 200)}`
    judge(p)
  }
  await pool(jobsOf(writes.filter(({ r }) => r.method !== 'DELETE')), runWrite)
  await pool(jobsOf(writes.filter(({ r }) => r.method === 'DELETE')), runWrite)

  // -- nothing out of scope changed ------------------------------------------------------------
  const afterSnap = await snapshot()
  for (const [k, v] of before) {
    if (afterSnap.get(k) !== v) {
      problems.push(`${k}: the out-of-scope record changed after the writes:\n    before ${v.slice(0, 300)}\n    after  ${afterSnap.get(k)?.slice(0, 300)}`)
    }
  }
  const hacked = []
  await pool(listVariants.filter((v) => v.variant === 'q'), async (v) => {
    const res = await call('system_admin', 'GET', `${v.pl.url(FX.own)}?${v.q.replace('MX-', HACK)}`)
    if (res.text.includes(HACK)) hacked.push(`${key(v.r)}: ${snippet(res.text, HACK)}`)
  })
  for (const x of hacked) problems.push(`${x}: a record written by an out-of-scope request exists`)
  for (const scope of ['sib', 'par']) {
    const res = await h.get('/api/v1/auth/tokens', { session: FX[scope].session })
    const t = res.json?.items?.find((x) => x.id === FX[scope].token)
    if (!t || t.revoked) problems.push(`the ${scope} scope's API token was revoked by an out-of-scope request: ${res.text.slice(0, 200)}`)
  }

  // -- deviations against KNOWN_DEVIATIONS -----------------------------------------------------
  const used = new Set()
  const newDeviations = []
  for (const d of deviations) {
    const i = KNOWN_DEVIATIONS.findIndex(([m, route, roles, scopes, status]) =>
      `${m} ${route}` === d.route && matchList(roles, d.role) && matchList(scopes, d.scope) && status === d.status)
    if (i < 0) newDeviations.push(d)
    else used.add(i)
  }
  for (const d of newDeviations) {
    const want = d.method === 'GET' ? 404 : 403
    problems.push(`${d.route} [${d.variant}] ${d.role} ${d.scope}: ${d.status}, the rule says ${want} (not in KNOWN_DEVIATIONS)${d.note ? `: ${d.note}` : ''}`)
  }
  KNOWN_DEVIATIONS.forEach((d, i) => {
    if (!used.has(i)) problems.push(`KNOWN_DEVIATIONS ${JSON.stringify(d)} no longer happens: remove it`)
  })

  // -- the table ----------------------------------------------------------------------------------
  const table = new Map()
  for (const p of rows) {
    const k = `${p.route}${p.variant === 'record' || p.variant === 'bare' || p.variant === 'body' ? '' : ` ?${p.variant}`}`
    if (!table.has(k)) table.set(k, {})
    const cell = table.get(k)
    cell[p.role] = { ...(cell[p.role] || {}), [p.scope]: `${p.status}${p.problem ? '!' : p.deviation ? '~' : ''}` }
  }
  const lines = [`authorization matrix: ${placed.length} routes placed (${routes.length} in openapi.json, ${Object.keys(EXEMPT).length} exempt), ` +
    `${rows.length} probes, ${requests} requests, ${((Date.now() - started) / 1000).toFixed(1)} s; cells own/sib/par, ! a problem, ~ a known deviation`,
  `${'route'.padEnd(72)} ${ROLES.map((r) => r.slice(0, 13).padEnd(13)).join(' ')}`]
  for (const [k, cell] of [...table.entries()].sort()) {
    lines.push(`${k.slice(0, 72).padEnd(72)} ${ROLES.map((r) => SCOPES.map((s) => cell[r]?.[s] ?? '-').join('/').padEnd(13)).join(' ')}`)
  }
  const report = lines.join('\n')
  if (process.env.BANGFU_MATRIX_OUT) fs.writeFileSync(process.env.BANGFU_MATRIX_OUT, report + '\n')
  console.log(report)
  console.log(`deviations (${deviations.length}): ` + JSON.stringify(deviations.map((d) => [d.method, d.route.slice(d.method.length + 1), d.role, d.scope, d.status])))
  for (const d of deviations.filter((x) => x.note)) console.log(`2xx out of scope, no marker: ${d.route} [${d.variant}] ${d.role} ${d.scope}: ${d.note}`)

  const all = [...unplaced.map((x) => `UNPLACED ${x}`), ...problems]
  assert.ok(all.length === 0, `${all.length} problem(s):\n  ${all.join('\n  ')}`)
})
