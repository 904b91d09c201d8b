// The approval steps of a plan as buttons: which steps the user's role may take from the plan's
// state (the server decides in the end), and taking one (asking for the reason where needed).
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import { api } from '../api.js'
import { canEdit, isAdmin } from '../store.js'

// from → [{action, to, admin (bureau step), reason (comment required)}]
const STEPS = {
  draft: [{ action: 'submit', to: 'submitted' }],
  submitted: [
    { action: 'approve', to: 'approved', admin: true },
    { action: 'reject', to: 'rejected', admin: true, reason: true },
    { action: 'withdraw', to: 'draft' },
  ],
  rejected: [{ action: 'redraft', to: 'draft' }],
  approved: [{ action: 'reopen', to: 'draft', admin: true, reason: true }],
}

export function usePlanApproval() {
  const { t } = useI18n()

  function actions(plan) {
    if (!plan) return []
    return (STEPS[plan.approval] || []).filter((s) => (s.admin ? isAdmin() : canEdit()))
  }

  // Resolves with the updated plan, or null when the user cancelled.
  async function take(plan, step) {
    let comment = ''
    if (step.reason) {
      try {
        const r = await ElMessageBox.prompt(t(`plans.approval.${step.action}Reason`), t(`plans.approval.${step.action}`), {
          confirmButtonText: t('common.confirm'),
          cancelButtonText: t('common.cancel'),
          inputValidator: (v) => (v && v.trim() ? true : t('plans.approval.reasonRequired')),
          inputPlaceholder: t('plans.approval.reasonPlaceholder'),
        })
        comment = r.value.trim()
      } catch {
        return null
      }
    }
    try {
      const updated = await api.post(`/api/v1/plans/${plan.id}/approval`, { approval: step.to, comment })
      ElMessage.success(t(`plans.approval.${step.action}Done`))
      return updated
    } catch (err) {
      ElMessage.error(err.message)
      return null
    }
  }

  return { actions, take }
}
