// Routes of the UI (history mode: the server falls back to index.html for non-/api paths).
import { createRouter, createWebHistory } from 'vue-router'
import { session, loadMe, hasRole, ADMIN_ROLES, EDITOR_ROLES, REGIONAL_ROLES } from './store.js'
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
      // Beneficiaries (issue 5).
      // One-to-one aid (issue 5)
      { path: 'aid/cases', name: 'aid-cases', component: () => import('./views/aid/AidCasesView.vue'), meta: { menu: 'aid/cases' } },
      { path: 'aid/cases/:id', name: 'aid-case', component: () => import('./views/aid/AidCaseView.vue'), props: true, meta: { menu: 'aid/cases' } },
      { path: 'aid/mine', name: 'aid-mine', component: () => import('./views/aid/MyAidView.vue'), meta: { menu: 'aid/mine' } },
      { path: 'aid/alerts', name: 'aid-alerts', component: () => import('./views/aid/AidAlertsView.vue'), meta: { menu: 'aid/alerts' } },
      { path: 'aid/stats', name: 'aid-stats', component: () => import('./views/aid/AidStatsView.vue'), meta: { menu: 'aid/stats' } },
      { path: 'beneficiaries', redirect: '/beneficiaries/students' },
      {
        path: 'beneficiaries/students',
        name: 'beneficiaries-students',
        component: () => import('./views/beneficiaries/BeneficiariesView.vue'),
        props: { kind: 'student' },
        meta: { menu: 'beneficiaries/students' },
      },
      {
        path: 'beneficiaries/households',
        name: 'beneficiaries-households',
        component: () => import('./views/beneficiaries/BeneficiariesView.vue'),
        props: { kind: 'household' },
        meta: { menu: 'beneficiaries/households' },
      },
      {
        path: 'beneficiaries/import',
        name: 'beneficiaries-import',
        component: () => import('./views/ImportView.vue'),
        props: { resource: 'beneficiaries' },
        meta: { roles: EDITOR_ROLES, menu: 'beneficiaries/import' },
      },
      {
        path: 'beneficiaries/stats',
        name: 'beneficiaries-stats',
        component: () => import('./views/beneficiaries/BeneficiaryStatsView.vue'),
        meta: { menu: 'beneficiaries/stats' },
      },
      {
        path: 'beneficiaries/inbound',
        name: 'beneficiaries-inbound',
        component: () => import('./views/beneficiaries/InboundStudentsView.vue'),
        meta: { menu: 'beneficiaries/inbound' },
      },
      {
        path: 'beneficiaries/new',
        name: 'beneficiary-new',
        component: () => import('./views/beneficiaries/BeneficiaryEditView.vue'),
        meta: { roles: EDITOR_ROLES, menu: 'beneficiaries/students' },
      },
      {
        path: 'beneficiaries/:id(\\d+)',
        name: 'beneficiary-edit',
        component: () => import('./views/beneficiaries/BeneficiaryEditView.vue'),
        props: true,
        meta: { menu: 'beneficiaries/students' },
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
      { path: 'pairings', name: 'pairings', component: () => import('./views/PairingsView.vue') },
      {
        path: 'pairings/new',
        name: 'pairing-new',
        component: () => import('./views/PairingEditView.vue'),
        meta: { roles: ADMIN_ROLES, menu: 'pairings' },
      },
      {
        path: 'pairings/:id/edit',
        name: 'pairing-edit',
        component: () => import('./views/PairingEditView.vue'),
        props: true,
        meta: { roles: ADMIN_ROLES, menu: 'pairings' },
      },
      {
        path: 'programs/:programId/pairings',
        name: 'program-pairings',
        component: () => import('./views/ProgramPairingsView.vue'),
        props: true,
        meta: { menu: 'pairings' },
      },
      {
        path: 'pairings/:id',
        name: 'pairing',
        component: () => import('./views/PairingDetailView.vue'),
        props: true,
        meta: { menu: 'pairings' },
      },
      { path: 'activities', name: 'activities', component: () => import('./views/ActivitiesView.vue') },
      {
        path: 'activities/stats',
        name: 'activity-stats',
        component: () => import('./views/ActivityStatsView.vue'),
        meta: { menu: 'activities' },
      },
      {
        path: 'activities/new',
        name: 'activity-new',
        component: () => import('./views/ActivityEditView.vue'),
        meta: { roles: EDITOR_ROLES, menu: 'activities' },
      },
      {
        path: 'activities/:id',
        name: 'activity-edit',
        component: () => import('./views/ActivityEditView.vue'),
        props: true,
        meta: { menu: 'activities' },
      },
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
      // Teacher dispatch (issue 4).
      { path: 'dispatch/batches', name: 'dispatch-batches', component: () => import('./views/dispatch/DispatchBatchesView.vue'), meta: { menu: 'dispatch/batches' } },
      { path: 'dispatch/assignments', name: 'dispatch-assignments', component: () => import('./views/dispatch/DispatchAssignmentsView.vue'), meta: { menu: 'dispatch/assignments' } },
      {
        path: 'dispatch/assignments/new',
        name: 'dispatch-assignment-new',
        component: () => import('./views/dispatch/DispatchAssignmentEditView.vue'),
        meta: { roles: EDITOR_ROLES, menu: 'dispatch/assignments' },
      },
      {
        path: 'dispatch/assignments/:id',
        name: 'dispatch-assignment-edit',
        component: () => import('./views/dispatch/DispatchAssignmentEditView.vue'),
        props: true,
        meta: { menu: 'dispatch/assignments' },
      },
      { path: 'dispatch/attachments', name: 'dispatch-attachments', component: () => import('./views/dispatch/DispatchAttachmentsView.vue'), meta: { menu: 'dispatch/attachments' } },
      { path: 'dispatch/workload', name: 'dispatch-workload', component: () => import('./views/dispatch/DispatchWorkloadView.vue'), meta: { menu: 'dispatch/workload' } },
      { path: 'dispatch/statistics', name: 'dispatch-statistics', component: () => import('./views/dispatch/DispatchStatisticsView.vue'), meta: { menu: 'dispatch/statistics' } },
      { path: 'users', name: 'users', component: () => import('./views/UsersView.vue'), meta: { roles: ADMIN_ROLES } },
      { path: 'audit', name: 'audit', component: () => import('./views/AuditView.vue'), meta: { roles: ADMIN_ROLES } },
      { path: 'dictionaries', name: 'dictionaries', component: () => import('./views/DictionariesView.vue') },
      { path: 'plans', name: 'plans', component: () => import('./views/PlansView.vue') },
      { path: 'plans/:id', name: 'plan', component: () => import('./views/PlanView.vue'), props: true, meta: { menu: 'plans' } },
      { path: 'four-haves', name: 'four-haves', component: () => import('./views/FourHavesView.vue') },
      { path: 'tokens', name: 'tokens', component: () => import('./views/TokensView.vue') },
      // Appraisals, subsidies and rural-service credit of dispatched teachers (issue 4).
      { path: 'appraisals/waiting', name: 'appraisals-waiting', component: () => import('./views/AppraisalWaitingView.vue'), meta: { menu: 'appraisals/waiting' } },
      { path: 'appraisals', name: 'appraisals', component: () => import('./views/AppraisalsView.vue') },
      {
        path: 'appraisals/:id',
        name: 'appraisal',
        component: () => import('./views/AppraisalView.vue'),
        props: true,
        meta: { menu: 'appraisals' },
      },
      { path: 'subsidy-payments', name: 'subsidy-payments', component: () => import('./views/SubsidyPaymentsView.vue') },
      { path: 'title-evaluation', name: 'title-evaluation', component: () => import('./views/TitleEvaluationView.vue') },
      // Recommendations (issue 18): proposed pairings and dispatch plans, for bureau admins.
      {
        path: 'recommendations',
        name: 'recommendations',
        component: () => import('./views/recommendations/RecommendationsView.vue'),
        meta: { roles: ADMIN_ROLES, menu: 'recommendations' },
      },
      // The balance index (优质均衡, issue 13).
      {
        path: 'balance',
        name: 'balance',
        component: () => import('./views/balance/BalanceCountyView.vue'),
        meta: { roles: REGIONAL_ROLES, menu: 'balance' },
      },
      {
        path: 'balance/counties',
        name: 'balance-counties',
        component: () => import('./views/balance/BalanceCountiesView.vue'),
        meta: { roles: REGIONAL_ROLES, menu: 'balance/counties' },
      },
      {
        path: 'balance/policy',
        name: 'balance-policy',
        component: () => import('./views/balance/BalancePolicyView.vue'),
        meta: { roles: REGIONAL_ROLES, menu: 'balance/policy' },
      },
      {
        path: 'balance/import',
        name: 'balance-import',
        component: () => import('./views/ImportView.vue'),
        props: { resource: 'balance/conditions' },
        meta: { roles: EDITOR_ROLES, menu: 'balance/import' },
      },
      // An institution's users: their own school's inputs.
      {
        path: 'balance/conditions',
        name: 'balance-conditions-mine',
        component: () => import('./views/balance/ConditionsView.vue'),
        // Not a redirect: those are resolved before the session is loaded on a fresh page.
        beforeEnter: () =>
          session.user && session.user.institution ? `/balance/conditions/${session.user.institution}` : { name: 'dashboard' },
      },
      {
        path: 'balance/conditions/:id(\\d+)',
        name: 'balance-conditions',
        component: () => import('./views/balance/ConditionsView.vue'),
        props: true,
        meta: { menu: 'balance/conditions' },
      },
      { path: 'reports/dashboard', name: 'report-dashboard', component: () => import('./views/ReportDashboardView.vue'), meta: { menu: 'reports/dashboard' } },
      { path: 'reports', name: 'reports', component: () => import('./views/ReportsView.vue') },
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
