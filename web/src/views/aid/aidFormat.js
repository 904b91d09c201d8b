// Small helpers shared by the aid pages.
import { i18n } from '../../i18n.js'

const t = (k, p) => i18n.global.t(k, p)

// Today in China (UTC+8), the day a record defaults to.
export function todayChina() {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
}

export function statusLabel(c) {
  if (c.status === 'ended') return t('aid.statusEnded')
  if (c.status === 'not_started') return t('aid.statusNotStarted')
  return c.overdue ? t('aid.statusOverdue') : t('aid.statusActive')
}

export function statusType(c) {
  if (c.status === 'ended') return 'info'
  if (c.status === 'not_started') return 'info'
  return c.overdue ? 'danger' : 'success'
}

export function cadenceText(c) {
  return c.cadences.map((x) => `${x.kind_label} ${t('aid.everyText', { n: x.every_count, unit: x.unit_label })}`).join('；')
}
