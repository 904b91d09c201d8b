// Shared client state: the logged-in user, the CSRF token, dictionaries and the region tree.
import { reactive } from 'vue'
import { api, setCsrfToken } from './api.js'
import { currentLocale } from './i18n.js'

export const session = reactive({ user: null, loaded: false })
export const dicts = reactive({ loaded: false, data: {} })
export const regions = reactive({ loaded: false, tree: [], byCode: {} })

// Whether this browser holds a session: remembered at login, forgotten at logout or on a 401. A
// fresh page without one goes to the login page without asking the server (whose 401 the console
// would show in red). Without storage, the server is asked.
const SIGNED_IN = 'bangfu.signedIn'
function signedIn(value) {
  try {
    if (value === undefined) return localStorage.getItem(SIGNED_IN) === '1'
    if (value) localStorage.setItem(SIGNED_IN, '1')
    else localStorage.setItem(SIGNED_IN, '0')
  } catch {
    return true
  }
  return value
}

function applyAuth(data) {
  session.user = (data && data.user) || null
  signedIn(!!session.user)
  setCsrfToken(data && data.csrf_token)
  session.loaded = true
}

export async function loadMe() {
  if (!signedIn()) {
    session.user = null
    session.loaded = true
    return null
  }
  try {
    applyAuth(await api.get('/api/v1/auth/me'))
  } catch (err) {
    session.user = null
    session.loaded = true
    if (err.status === 401) signedIn(false)
    if (err.status !== 401) throw err
  }
  return session.user
}

export async function login(username, password) {
  applyAuth(await api.post('/api/v1/auth/login', { username, password }))
  return session.user
}

export async function logout() {
  try {
    await api.post('/api/v1/auth/logout')
  } finally {
    clearSession()
  }
}

export function clearSession() {
  // The answers the service worker kept for offline use (a teacher's cases) go with the session.
  if (typeof caches !== 'undefined') caches.delete('bangfu-api').catch(() => {})
  signedIn(false)
  session.user = null
  setCsrfToken('')
  dicts.loaded = false
  dicts.data = {}
  regions.loaded = false
  regions.tree = []
  regions.byCode = {}
}

export async function loadDicts(force = false) {
  if (dicts.loaded && !force) return dicts.data
  dicts.data = (await api.get('/api/v1/dictionaries')) || {}
  dicts.loaded = true
  return dicts.data
}

function indexTree(nodes, parent, out) {
  for (const n of nodes || []) {
    out[n.code] = { ...n, parent }
    indexTree(n.children, n.code, out)
  }
  return out
}

export async function loadRegions(force = false) {
  if (regions.loaded && !force) return regions.tree
  const tree = (await api.get('/api/v1/regions/tree')) || []
  regions.tree = Array.isArray(tree) ? tree : tree.items || []
  regions.byCode = indexTree(regions.tree, null, {})
  regions.loaded = true
  return regions.tree
}

// Options of one dictionary ({value, zh, en}) as {value, label} in the current UI language.
export function dictOptions(kind) {
  const en = currentLocale() === 'en'
  return (dicts.data[kind] || []).map((o) => ({ value: o.value, label: (en ? o.en : o.zh) || o.value }))
}

export function dictLabel(kind, value) {
  if (value === null || value === undefined || value === '') return ''
  const o = (dicts.data[kind] || []).find((x) => x.value === value)
  if (!o) return String(value)
  return (currentLocale() === 'en' ? o.en : o.zh) || String(value)
}

export function regionName(code) {
  if (!code) return ''
  const r = regions.byCode[code]
  return r ? r.name : String(code)
}

export const ADMIN_ROLES = ['system_admin', 'bureau_admin']
export const EDITOR_ROLES = ['system_admin', 'bureau_admin', 'institution_admin']
// Roles of a region (or everything): they read a county's figures (the balance index).
export const REGIONAL_ROLES = ['system_admin', 'bureau_admin', 'inspector']

export function hasRole(...roles) {
  return !!session.user && roles.flat().includes(session.user.role)
}
export const isAdmin = () => hasRole(ADMIN_ROLES)
export const canEdit = () => hasRole(EDITOR_ROLES)
