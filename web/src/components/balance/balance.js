// Shared helpers of the balance-index pages (优质均衡, issue 13): the seven indicators, school
// years, number formats and verdict colours. The figures come from GET /api/v1/balance*.
import { onBeforeUnmount, onMounted, ref } from 'vue'

export const INDICATORS = [
  'degree_teachers',
  'backbone_teachers',
  'pe_arts_teachers',
  'room_area',
  'sports_area',
  'equipment',
  'multimedia_rooms',
]
export const STAGES = ['primary', 'junior']
export { REGIONAL_ROLES } from '../../store.js'
// Kinds of school that take part in the evaluation (core/balance.cpp takes_part).
export const TAKING_PART_KINDS = ['primary', 'junior', 'nine_year', 'complete_middle']

// The school year under way in China today: from September on, the one starting this year.
export function currentSchoolYear(now = new Date()) {
  const china = new Date(now.getTime() + 8 * 3600 * 1000)
  const year = china.getUTCFullYear()
  return china.getUTCMonth() >= 8 ? year : year - 1
}

export function schoolYearText(first) {
  return `${first}-${Number(first) + 1}`
}

// "2025-2026" or "2025" → 2025; anything else → null.
export function parseSchoolYear(text) {
  const m = /^(\d{4})(?:-(\d{4}))?$/.exec(String(text ?? '').trim())
  if (!m) return null
  const first = Number(m[1])
  if (m[2] && Number(m[2]) !== first + 1) return null
  return first
}

// The school years offered in the pickers: next year down to seven years back.
export function schoolYearOptions(extra) {
  const now = currentSchoolYear()
  const years = []
  for (let y = now + 1; y >= now - 7; y--) years.push(y)
  if (extra && !years.includes(extra)) years.push(extra)
  return years.sort((a, b) => b - a)
}

// An indicator's value as shown: yuan per student without decimals, the others with two.
export function fmtIndicator(key, v) {
  if (v === null || v === undefined || Number.isNaN(Number(v))) return ''
  const n = Number(v)
  if (key === 'equipment') return Math.round(n).toLocaleString('en-US')
  return n.toFixed(2)
}

export function fmtCv(v) {
  if (v === null || v === undefined) return ''
  return Number(v).toFixed(3)
}

export function fmtShare(v) {
  if (v === null || v === undefined) return ''
  return `${(Number(v) * 100).toFixed(1)}%`
}

// A change of an indicator, with its sign.
export function fmtChange(key, v) {
  if (v === null || v === undefined) return ''
  const n = Number(v)
  const text = fmtIndicator(key, Math.abs(n))
  if (Number(text.replace(/,/g, '')) === 0) return fmtIndicator(key, 0)
  return `${n > 0 ? '+' : '−'}${text}`
}

export function verdictType(verdict) {
  return { pass: 'success', fail: 'danger', incomplete: 'warning' }[verdict] || 'info'
}

// The largest CV of a stage summary, with its limit: the county's weakest indicator.
export function maxCv(stage) {
  if (!stage || !stage.indicators || !stage.indicators.length) return null
  return stage.indicators.reduce((m, i) => (i.cv > m.cv ? i : m), stage.indicators[0])
}

export function stageOf(row, stage) {
  return ((row && row.stages) || []).find((s) => s.stage === stage) || null
}

// Whether the window is phone-narrow (charts rotate their labels and shorten their margins).
export function useNarrow(width = 640) {
  const narrow = ref(window.innerWidth < width)
  const update = () => (narrow.value = window.innerWidth < width)
  onMounted(() => window.addEventListener('resize', update, { passive: true }))
  onBeforeUnmount(() => window.removeEventListener('resize', update))
  return narrow
}
