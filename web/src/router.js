// Routes of the UI (history mode: the server falls back to index.html for non-/api paths).
import { createRouter, createWebHistory } from 'vue-router'
import { session, loadMe, hasRole, ADMIN_ROLES, EDITOR_ROLES } from './store.js'
import Layout from './components/AppLayout.vue'

const routes = [
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
  {
    path: '/',
    component: Layout,
    children: [
      { path: '', name: 'dashboard', component: () => import('./views/DashboardView.vue') },
      { path: 'regions', name: 'regions', component: () => import('./views/RegionsView.vue') },
      { path: 'institutions', name: 'institutions', component: () => import('./views/InstitutionsView.vue') },
      {
        path: 'institutions/import',
        name: 'institutions-import',
        component: () => import('./views/ImportView.vue'),
        props: { resource: 'institutions' },
        meta: { roles: EDITOR_ROLES, menu: 'institutions' },
      },
      {
        path: 'institutions/new',
        name: 'institution-new',
        component: () => import('./views/InstitutionEditView.vue'),
        meta: { roles: EDITOR_ROLES, menu: 'institutions' },
      },
      {
        path: 'institutions/:id',
        name: 'institution-edit',
        component: () => import('./views/InstitutionEditView.vue'),
        props: true,
        meta: { menu: 'institutions' },
      },
      { path: 'staff', name: 'staff', component: () => import('./views/StaffView.vue') },
      {
        path: 'staff/import',
        name: 'staff-import',
        component: () => import('./views/ImportView.vue'),
        props: { resource: 'staff' },
        meta: { roles: EDITOR_ROLES, menu: 'staff' },
      },
      {
        path: 'staff/new',
        name: 'staff-new',
        component: () => import('./views/StaffEditView.vue'),
        meta: { roles: EDITOR_ROLES, menu: 'staff' },
      },
      {
        path: 'staff/:id',
        name: 'staff-edit',
        component: () => import('./views/StaffEditView.vue'),
        props: true,
        meta: { menu: 'staff' },
      },
      { path: 'programs', name: 'programs', component: () => import('./views/ProgramsView.vue') },
      {
        path: 'programs/new',
        name: 'program-new',
        component: () => import('./views/ProgramDetailView.vue'),
        meta: { roles: ADMIN_ROLES, menu: 'programs' },
      },
      {
        path: 'programs/:id',
        name: 'program-detail',
        component: () => import('./views/ProgramDetailView.vue'),
        props: true,
        meta: { menu: 'programs' },
      },
      { path: 'inspections', name: 'inspections', component: () => import('./views/InspectionsView.vue') },
      { path: 'donations', name: 'donations', component: () => import('./views/DonationsView.vue') },
      {
        path: 'donations/new',
        name: 'donation-new',
        component: () => import('./views/DonationEditView.vue'),
        meta: { roles: EDITOR_ROLES, menu: 'donations' },
      },
      {
        path: 'donations/:id',
        name: 'donation-edit',
        component: () => import('./views/DonationEditView.vue'),
        props: true,
        meta: { menu: 'donations' },
      },
      { path: 'resources', name: 'resources', component: () => import('./views/ResourcesView.vue') },
      { path: 'users', name: 'users', component: () => import('./views/UsersView.vue'), meta: { roles: ADMIN_ROLES } },
      { path: 'audit', name: 'audit', component: () => import('./views/AuditView.vue'), meta: { roles: ADMIN_ROLES } },
      { path: 'dictionaries', name: 'dictionaries', component: () => import('./views/DictionariesView.vue') },
      { path: 'tokens', name: 'tokens', component: () => import('./views/TokensView.vue') },
      { path: ':rest(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue') },
    ],
  },
]

export const router = createRouter({ history: createWebHistory('/'), routes })

router.beforeEach(async (to) => {
  if (!session.loaded) {
    try {
      await loadMe()
    } catch {
      /* server unreachable: treat as logged out */
    }
  }
  if (to.meta.public) {
    if (to.name === 'login' && session.user) return { path: typeof to.query.redirect === 'string' ? to.query.redirect : '/' }
    return true
  }
  if (!session.user) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  if (to.meta.roles && !hasRole(to.meta.roles)) return { name: 'dashboard' }
  return true
})
