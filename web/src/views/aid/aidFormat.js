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

// "每 2 周" / "every 2 weeks", "every week" (the plural follows the count in English).
export function everyText(x) {
  const unit = t(`aid.units.${x.every_unit}`, x.every_count)
  return t('aid.everyText', { n: x.every_count, unit: unit.startsWith('aid.units.') ? x.unit_label : unit }, x.every_count)
}

export function cadenceText(c) {
  return c.cadences.map((x) => `${x.kind_label} ${everyText(x)}`).join('；')
}

// An ended (or not yet started) case is due nothing: no date, no "on track".
export function dueDateOf(c) {
  return c.status === 'ended' ? '' : c.next_due_date || ''
}
