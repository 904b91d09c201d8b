// State of a paged, sortable, filterable list bound to the URL query (so Back keeps the filters).
import { reactive } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { api, buildUrl, itemsOf } from '../api.js'

export const PAGE_SIZES = [20, 50, 100, 200]

// sortMap: table column prop -> the API's sort field, where they differ (region_name -> region).
export function useList(path, defaults = {}, sortMap = {}) {
  const route = useRoute()
  const router = useRouter()
  const q = route.query
  const filters = reactive({ ...defaults })
  for (const k of Object.keys(defaults)) {
    if (typeof q[k] === 'string') filters[k] = Array.isArray(defaults[k]) ? q[k].split(',').filter(Boolean) : q[k]
  }
  const state = reactive({
    items: [],
    total: 0,
    // false when the server counted only up to a cap: `total` is then a lower bound (docs/api.md).
    totalExact: true,
    page: Number(q.page) > 0 ? Number(q.page) : 1,
    pageSize: PAGE_SIZES.includes(Number(q.page_size)) ? Number(q.page_size) : 20,
    sort: typeof q.sort === 'string' ? q.sort : '',
    loading: false,
    error: '',
    answer: null,  // the whole last answer, for totals a list adds (attachment study's headcount)
  })

  function filterQuery() {
    const out = {}
    for (const [k, v] of Object.entries(filters)) {
      if (v === '' || v === null || v === undefined || (Array.isArray(v) && !v.length)) continue
      out[k] = typeof v === 'string' ? v.trim() : v
    }
    if (state.sort) out.sort = state.sort
    return out
  }

  function listQuery() {
    return { ...filterQuery(), page: state.page, page_size: state.pageSize }
  }

  let seq = 0
  async function load() {
    const mine = ++seq
    state.loading = true
    state.error = ''
    const query = listQuery()
    const urlQuery = { ...query }
    if (urlQuery.page === 1) delete urlQuery.page
    if (urlQuery.page_size === 20) delete urlQuery.page_size
    for (const k of Object.keys(urlQuery)) if (Array.isArray(urlQuery[k])) urlQuery[k] = urlQuery[k].join(',')
    router.replace({ query: urlQuery }).catch(() => {})
    try {
      const data = await api.get(path, query)
      if (mine !== seq) return
      state.items = itemsOf(data)
      state.answer = data
      state.total = data && typeof data.total === 'number' ? data.total : state.items.length
      state.totalExact = !(data && data.total_exact === false)
    } catch (err) {
      if (mine !== seq) return
      state.items = []
      state.total = 0
      state.error = err.message
    } finally {
      if (mine === seq) state.loading = false
    }
  }

  function search() {
    state.page = 1
    return load()
  }

  function reset() {
    for (const [k, v] of Object.entries(defaults)) filters[k] = Array.isArray(v) ? [...v] : v
    state.sort = ''
    return search()
  }

  // el-table @sort-change: {prop, order: 'ascending'|'descending'|null}
  function onSortChange({ prop, order }) {
    const field = sortMap[prop] || prop
    state.sort = order ? (order === 'descending' ? '-' : '') + field : ''
    return search()
  }

  function defaultSort() {
    if (!state.sort) return {}
    const desc = state.sort.startsWith('-')
    const field = desc ? state.sort.slice(1) : state.sort
    const prop = Object.keys(sortMap).find((k) => sortMap[k] === field) || field
    return { prop, order: desc ? 'descending' : 'ascending' }
  }

  function onPageChange(p) {
    state.page = p
    return load()
  }

  function onSizeChange(s) {
    state.pageSize = s
    state.page = 1
    return load()
  }

  function exportUrl() {
    return buildUrl(`${path}/export.xlsx`, filterQuery())
  }

  return { filters, state, load, search, reset, onSortChange, defaultSort, onPageChange, onSizeChange, exportUrl }
}
