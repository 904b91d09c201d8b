// Shared bits of the dispatch pages: status labels and tags, the eligibility rule codes in the
// order the server checks them, and the programs/batches/staff pickers' loaders.
import { api, itemsOf } from '../../api.js'

export const STATUSES = ['planned', 'active', 'completed', 'withdrawn']
export const STATUS_TAG = { planned: 'info', active: 'success', completed: '', withdrawn: 'danger' }
// The rule codes a 422 names in error.fields when a teacher is not eligible (core/dispatch_policy).
export const RULES = ['years_teaching', 'health', 'volunteered', 'title', 'age', 'backbone']
export const ATTACHMENT_KINDS = ['attachment', 'shadowing', 'class_tracking', 'training']

export async function loadPrograms() {
  return itemsOf(await api.get('/api/v1/programs', { page_size: 200 }))
}

export async function loadBatches(program) {
  if (!program) return []
  return itemsOf(await api.get('/api/v1/dispatch/batches', { program, page_size: 200 }))
}

export async function searchStaff(q) {
  return itemsOf(await api.get('/api/v1/staff', { q, page_size: 50 }))
}
