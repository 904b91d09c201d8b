// The side menu, by role (issue 20): each role sees the entries of its work. Everything else
// stays reachable by link where the server allows it (the router only keeps a role out of the
// pages of `meta.roles`). `roles` lists who sees an entry; a group is shown when one of its
// entries is. `test` is the entry's data-test (menu-…), `label` its message key.
const SYS = 'system_admin'
const BUREAU = 'bureau_admin'
const SCHOOL = 'institution_admin'
const TEACHER = 'teacher'
const INSPECTOR = 'inspector'

const ADMINS = [SYS, BUREAU]
const OFFICE = [SYS, BUREAU, INSPECTOR] // regional roles: a region's figures
const SCHOOLS = [SYS, BUREAU, INSPECTOR, SCHOOL] // the work of institutions
const EVERYONE = [SYS, BUREAU, INSPECTOR, SCHOOL, TEACHER]

export const MENU = [
  { path: '/', test: 'dashboard', label: 'menu.dashboard', teacherLabel: 'menu.desk', icon: 'HomeFilled', roles: EVERYONE },
  // A teacher's own work first: her beneficiaries and what is overdue.
  { path: '/aid/mine', test: 'aid-mine', label: 'aid.menuMine', icon: 'Sunny', roles: [TEACHER] },
  { path: '/aid/alerts', test: 'aid-alerts', label: 'aid.menuAlerts', icon: 'Bell', roles: [TEACHER] },
  { path: '/regions', test: 'regions', label: 'menu.regions', icon: 'Location', roles: ADMINS },
  { path: '/institutions', test: 'institutions', label: 'menu.institutions', icon: 'School', roles: SCHOOLS },
  { path: '/staff', test: 'staff', label: 'menu.staff', icon: 'Avatar', roles: SCHOOLS },
  { path: '/programs', test: 'programs', label: 'programs.menu', icon: 'Flag', roles: OFFICE },
  { path: '/inspections', test: 'inspections', label: 'programs.inspectionsMenu', icon: 'Finished', roles: OFFICE },
  { path: '/pairings', test: 'pairings', label: 'menu.pairings', icon: 'Connection', roles: SCHOOLS },
  { path: '/plans', test: 'plans', label: 'plans.menuPlans', icon: 'Calendar', roles: SCHOOLS },
  { path: '/four-haves', test: 'four-haves', label: 'plans.menuFourHaves', icon: 'Checked', roles: OFFICE },
  { path: '/activities', test: 'activities', label: 'menu.activities', icon: 'Calendar', roles: EVERYONE },
  { path: '/donations', test: 'donations', label: 'donations.menuDonations', icon: 'Present', roles: SCHOOLS },
  { path: '/resources', test: 'resources', label: 'donations.menuResources', icon: 'Files', roles: EVERYONE },
  // Her record of the year: her appraisals with the self-appraisal and the yearly summary, and
  // the step of it that waits for her (a dispatched teacher's self-appraisal).
  { path: '/appraisals', test: 'my-year', label: 'menu.myYear', icon: 'Medal', roles: [TEACHER] },
  { path: '/appraisals/waiting', test: 'appraisals-waiting', label: 'appraisal.menuWaiting', icon: 'Bell', roles: [TEACHER] },
  {
    group: 'dispatch',
    test: 'dispatch',
    label: 'dispatch.menu',
    icon: 'Promotion',
    children: [
      { path: '/dispatch/batches', test: 'dispatch-batches', label: 'dispatch.menuBatches', roles: OFFICE },
      { path: '/dispatch/assignments', test: 'dispatch-assignments', label: 'dispatch.menuAssignments', roles: SCHOOLS },
      { path: '/dispatch/attachments', test: 'dispatch-attachments', label: 'dispatch.menuAttachments', roles: SCHOOLS },
      { path: '/dispatch/workload', test: 'dispatch-workload', label: 'dispatch.menuWorkload', roles: SCHOOLS },
      { path: '/dispatch/statistics', test: 'dispatch-statistics', label: 'dispatch.menuStatistics', roles: OFFICE },
      { path: '/appraisals/waiting', test: 'appraisals-waiting', label: 'appraisal.menuWaiting', roles: [SYS, BUREAU, SCHOOL] },
      { path: '/appraisals', test: 'appraisals', label: 'appraisal.menuAppraisals', roles: SCHOOLS },
      { path: '/subsidy-payments', test: 'subsidy-payments', label: 'appraisal.menuPayments', roles: SCHOOLS },
      { path: '/title-evaluation', test: 'title-evaluation', label: 'appraisal.menuTitleEvaluation', roles: SCHOOLS },
    ],
  },
  {
    group: 'beneficiaries',
    test: 'beneficiaries',
    label: 'beneficiaries.menu',
    icon: 'Sunny',
    children: [
      { path: '/beneficiaries/students', test: 'beneficiaries-students', label: 'beneficiaries.menuStudents', roles: SCHOOLS },
      { path: '/beneficiaries/households', test: 'beneficiaries-households', label: 'beneficiaries.menuHouseholds', roles: SCHOOLS },
      { path: '/beneficiaries/inbound', test: 'beneficiaries-inbound', label: 'beneficiaries.menuInbound', roles: SCHOOLS },
      { path: '/beneficiaries/stats', test: 'beneficiaries-stats', label: 'beneficiaries.menuStats', roles: SCHOOLS },
      { path: '/beneficiaries/import', test: 'beneficiaries-import', label: 'beneficiaries.menuImport', roles: [SYS, BUREAU, SCHOOL] },
      { path: '/aid/cases', test: 'aid-cases', label: 'aid.menuCases', roles: SCHOOLS },
      { path: '/aid/mine', test: 'aid-mine', label: 'aid.menuMine', roles: [SYS, BUREAU, SCHOOL] },
      { path: '/aid/alerts', test: 'aid-alerts', label: 'aid.menuAlerts', roles: SCHOOLS },
      { path: '/aid/stats', test: 'aid-stats', label: 'aid.menuStats', roles: SCHOOLS },
    ],
  },
  // Recommendations (issue 18): proposed pairings and dispatch plans, for the bureaus.
  { path: '/recommendations', test: 'recommendations', label: 'reco.menu', icon: 'MagicStick', roles: ADMINS },
  {
    group: 'balance',
    test: 'balance',
    label: 'balance.menu',
    icon: 'Histogram',
    children: [
      { path: '/balance', test: 'balance-county', label: 'balance.menuCounty', roles: OFFICE },
      { path: '/balance/counties', test: 'balance-counties', label: 'balance.menuCounties', roles: OFFICE },
      { path: '/balance/policy', test: 'balance-policy', label: 'balance.menuPolicy', roles: OFFICE },
      { path: '/balance/conditions', test: 'balance-conditions', label: 'balance.menuConditions', roles: [SCHOOL] },
      { path: '/balance/import', test: 'balance-import', label: 'balance.menuImport', roles: [SYS, BUREAU, SCHOOL] },
    ],
  },
  { path: '/reports/dashboard', test: 'report-dashboard', label: 'reports.dashboard', icon: 'TrendCharts', roles: SCHOOLS },
  { path: '/reports', test: 'reports', label: 'reports.menu', icon: 'DataAnalysis', roles: SCHOOLS },
  { path: '/users', test: 'users', label: 'menu.users', icon: 'UserFilled', roles: ADMINS },
  { path: '/audit', test: 'audit', label: 'menu.audit', icon: 'Document', roles: ADMINS },
  // The installation's own settings: the system admin's.
  { path: '/dictionaries', test: 'dictionaries', label: 'menu.dictionaries', icon: 'Collection', roles: [SYS] },
  { path: '/tokens', test: 'tokens', label: 'menu.tokens', icon: 'Key', roles: [SYS] },
]

// The menu of one role: entries it sees, groups with at least one entry.
export function menuFor(role) {
  const out = []
  for (const e of MENU) {
    if (e.group) {
      const children = e.children.filter((c) => c.roles.includes(role))
      if (children.length) out.push({ ...e, children })
    } else if (e.roles.includes(role)) {
      out.push(e)
    }
  }
  return out
}

// Every path of the menu of a role, flat (the browser test of the menus reads this list).
export function menuPaths(role) {
  return menuFor(role).flatMap((e) => (e.group ? e.children.map((c) => c.path) : [e.path]))
}
