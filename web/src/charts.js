// Shared rules of the ECharts charts (issue 20): a chart with nothing to show says so instead of
// drawing a bare axis or a donut of equal slices; values carry thousands separators; a month
// axis has every month between the first and the last (a gap is a month with nothing, not two
// distant months side by side).
import * as echarts from 'echarts/core'
import { TitleComponent } from 'echarts/components'
import { i18n } from './i18n.js'
import { fmtNumber } from './format.js'

const t = (k, p) => i18n.global.t(k, p)
// The empty state is a title in the middle of the box (registered once for every chart).
echarts.use([TitleComponent])

function hasValue(series) {
  return (series || []).some((s) =>
    (s.data || []).some((d) => {
      const v = d !== null && typeof d === 'object' && !Array.isArray(d) ? d.value : d
      return typeof v === 'number' ? v !== 0 : v !== null && v !== undefined && v !== '' && v !== '-'
    }),
  )
}

// The option to give setOption(…, true): the chart's own, with grouped numbers, or, when no series
// holds a value other than 0, an empty state in the middle of the box.
export function chartOption(option) {
  const series = Array.isArray(option.series) ? option.series : [option.series]
  if (!hasValue(series)) {
    return {
      title: {
        text: t('charts.empty'),
        left: 'center',
        top: 'middle',
        textStyle: { color: '#909399', fontSize: 14, fontWeight: 'normal' },
      },
    }
  }
  const out = { ...option }
  if (out.tooltip && !out.tooltip.valueFormatter) out.tooltip = { ...out.tooltip, valueFormatter: (v) => fmtNumber(v) }
  const axes = (a) => (Array.isArray(a) ? a : a ? [a] : [])
  const format = (a) => (a.type === 'value' && !a.axisLabel?.formatter ? { ...a, axisLabel: { ...(a.axisLabel || {}), formatter: (v) => fmtNumber(v) } } : a)
  if (out.yAxis) out.yAxis = Array.isArray(out.yAxis) ? axes(out.yAxis).map(format) : format(out.yAxis)
  if (out.xAxis) out.xAxis = Array.isArray(out.xAxis) ? axes(out.xAxis).map(format) : format(out.xAxis)
  return out
}

const MONTH = /^(\d{4})-(\d{2})$/
const monthOf = (r) => [r.key, r.month, r.label].find((v) => typeof v === 'string' && MONTH.test(v))

// Rows of a month series ({key|month: 'YYYY-MM', label, …numbers}) with the missing months added,
// their numbers 0 and their label in the language of the page.
export function continuousMonths(rows) {
  if (!rows || rows.length < 2 || !rows.every(monthOf)) return rows || []
  const sorted = [...rows].sort((a, b) => monthOf(a).localeCompare(monthOf(b)))
  const byMonth = new Map(sorted.map((r) => [monthOf(r), r]))
  const [, y0, m0] = MONTH.exec(monthOf(sorted[0]))
  const last = monthOf(sorted[sorted.length - 1])
  const zero = Object.fromEntries(Object.entries(sorted[0]).filter(([, v]) => typeof v === 'number').map(([k]) => [k, 0]))
  const out = []
  let y = Number(y0)
  let m = Number(m0)
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`
    out.push(
      byMonth.get(key) || {
        ...zero,
        key,
        month: key,
        label: i18n.global.locale.value === 'en' ? key : `${y}年${m}月`,
      },
    )
    if (key === last) break
    if (++m > 12) {
      m = 1
      y++
    }
  }
  return out
}
