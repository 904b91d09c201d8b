// Money in the browser: amounts travel as integer fen (amount_fen); people type and read yuan.
// Yuan text is converted digit by digit, never through parseFloat(x) * 100, which turns
// "0.29" into 28.999999999999996 fen. Mirrors core/money.cpp (same rules, same limit).

export const MAX_AMOUNT_FEN = 10_000_000_000_000 // 100 billion yuan; well inside Number's exact integers

// '5,000' → {fen: 500000}; '1.234' → {error: 'decimals'}. Errors: empty, negative, decimals,
// separators, format, limit (keys of donations.money.* in the locales).
export function parseYuan(text) {
  const s = String(text ?? '').trim()
  if (!s) return { error: 'empty' }
  if (s.startsWith('-')) return { error: 'negative' }
  const m = /^(\d[\d,]*)(?:\.(\d+))?$/.exec(s)
  if (!m) return { error: 'format' }
  const [, whole, decimals = ''] = m
  if (decimals.length > 2) return { error: 'decimals' }
  if (whole.includes(',') && !/^\d{1,3}(,\d{3})+$/.test(whole)) return { error: 'separators' }
  const digits = (whole.replace(/,/g, '') + decimals.padEnd(2, '0')).replace(/^0+(?=\d)/, '')
  if (digits.length > 14 || Number(digits) > MAX_AMOUNT_FEN) return { error: 'limit' }
  // At most 14 digits: Number() of an integer string that short is exact.
  return { fen: Number(digits) }
}

// 500000 → '5,000.00' (grouping) or '5000.00'.
export function formatYuan(fen, grouping = true) {
  if (fen === null || fen === undefined || fen === '') return ''
  const negative = fen < 0
  const digits = String(Math.abs(fen)).padStart(3, '0')
  let whole = digits.slice(0, -2)
  const cents = digits.slice(-2)
  if (grouping) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${negative ? '-' : ''}${whole}.${cents}`
}
