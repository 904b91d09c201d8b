// Small display helpers.
function pad(n) {
  return String(n).padStart(2, '0')
}

// Timestamps may come as ISO strings or Unix seconds; shown as local "YYYY-MM-DD HH:mm".
export function fmtTime(v) {
  if (v === null || v === undefined || v === '') return ''
  let d
  if (typeof v === 'number') d = new Date(v < 1e12 ? v * 1000 : v)
  else d = new Date(String(v).includes('T') || /Z|[+-]\d\d:?\d\d$/.test(v) ? v : String(v).replace(' ', 'T'))
  if (Number.isNaN(d.getTime())) return String(v)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

export function fmtValue(v) {
  if (v === null || v === undefined) return ''
  if (Array.isArray(v)) return v.join(', ')
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

// Copies text to the clipboard; falls back to a hidden textarea where the Clipboard API is
// unavailable (plain http on a LAN address is not a secure context).
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text)
      return true
    } catch {
      /* fall through */
    }
  }
  const ta = document.createElement('textarea')
  ta.value = text
  ta.setAttribute('readonly', '')
  ta.style.position = 'fixed'
  ta.style.opacity = '0'
  document.body.appendChild(ta)
  ta.select()
  let ok = false
  try {
    ok = document.execCommand('copy')
  } catch {
    ok = false
  }
  document.body.removeChild(ta)
  return ok
}

// Starts a browser download of a GET URL (the session cookie authenticates it).
export function download(url) {
  const a = document.createElement('a')
  a.href = url
  a.setAttribute('download', '')
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  document.body.removeChild(a)
}

// One format for counts and money everywhere (issue 20): thousands separators, in both languages
// (zh-CN groups by three digits too: 12,345).
const intFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
export function fmtInt(v) {
  if (v === null || v === undefined || v === '') return ''
  const n = Number(v)
  return Number.isFinite(n) ? intFormat.format(n) : String(v)
}
// A number with up to `digits` decimals, grouped: 1234.5 → "1,234.5".
export function fmtNumber(v, digits = 2) {
  if (v === null || v === undefined || v === '') return ''
  const n = Number(v)
  return Number.isFinite(n) ? new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(n) : String(v)
}
