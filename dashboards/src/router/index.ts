import { createRouter, createWebHistory, type RouteComponent, type RouteRecordRaw } from 'vue-router'
import { pageFeatures, pagesOf, statisticsPageViews } from '@szpm/core'
import { ApiError } from '@szpm/api'
import { me } from '@/api/auth'
import { PLATFORM_NAME } from '@/constants/app'
import { session } from '@/stores/session'

type Lazy = () => Promise<RouteComponent>

/**
 * The view of every declared PC page, by page name (core/src/modules/*.ts declares the pages: path,
 * title, feature, menu). A statistics module's page named by its slug is the generic statistics page
 * and its `statistics.recordsPage` the generic records list (both read `meta.module`); every estate
 * link opens the one estate page. Other pages name their own view here.
 */
const PAGE_VIEWS: Readonly<Record<string, Lazy>> = {
  ...statisticsPageViews<Lazy>({
    overview: () => import('@/views/statistics/overview/index.vue'),
    records: () => import('@/views/statistics/records/index.vue'),
  }),
  estate: () => import('@/views/estates/detail/index.vue'),
  'estate-staff': () => import('@/views/estates/staff/index.vue'),
  'estate-parking': () => import('@/views/estates/parking/index.vue'),
  'evaluation-templates': () => import('@/views/evaluations/templates/index.vue'),
  'evaluation-detail': () => import('@/views/evaluations/detail/index.vue'),
  todos: () => import('@/views/todos/index.vue'),
  messages: () => import('@/views/messages/index.vue'),
  exports: () => import('@/views/exports/index.vue'),
  message: () => import('@/views/messages/detail/index.vue'),
  notices: () => import('@/views/notices/list/index.vue'),
  'notice-publish': () => import('@/views/notices/publish/index.vue'),
  'notices-inbox': () => import('@/views/notices/inbox/index.vue'),
  'notice-detail': () => import('@/views/notices/detail/index.vue'),
  'notice-received': () => import('@/views/notices/received/index.vue'),
  'notice-stats': () => import('@/views/notices/stats/index.vue'),
  'training-learning': () => import('@/views/training/learning/index.vue'),
  'training-courses': () => import('@/views/training/courses/index.vue'),
  'safety-items': () => import('@/views/safety/items/index.vue'),
  'risk-settings': () => import('@/views/risk/settings/index.vue'),
  'common-fund-banks': () => import('@/views/common_funds/banks/index.vue'),
  'credit-subjects': () => import('@/views/credit/subjects/index.vue'),
  'credit-subject': () => import('@/views/credit/subject/index.vue'),
  opinions: () => import('@/views/party_building/opinions/index.vue'),
  'opinion-detail': () => import('@/views/party_building/opinion-detail/index.vue'),
  'voting-meetings': () => import('@/views/voting/meetings/index.vue'),
  'voting-meeting': () => import('@/views/voting/meeting/index.vue'),
  weather: () => import('@/views/weather/board/index.vue'),
  'dispute-open': () => import('@/views/disputes/ledger/index.vue'),
  'dispute-closed': () => import('@/views/disputes/ledger/index.vue'),
  'dispute-all': () => import('@/views/disputes/ledger/index.vue'),
  'dispute-detail': () => import('@/views/disputes/detail/index.vue'),
  areas: () => import('@/views/areas/map/index.vue'),
  'areas-equipment': () => import('@/views/areas/equipment/index.vue'),
  tenders: () => import('@/views/tenders/list/index.vue'),
  'tender-detail': () => import('@/views/tenders/detail/index.vue'),
  'tender-progress': () => import('@/views/tenders/progress/index.vue'),
  'inspection-tasks': () => import('@/views/inspections/tasks/index.vue'),
  'inspection-task': () => import('@/views/inspections/task/index.vue'),
  'inspection-companies': () => import('@/views/inspections/companies/index.vue'),
  'my-inspections': () => import('@/views/inspections/mine/index.vue'),
  'inspection-fill': () => import('@/views/inspections/fill/index.vue'),
  disclosures: () => import('@/views/disclosures/list/index.vue'),
  'disclosure-publish': () => import('@/views/disclosures/publish/index.vue'),
  'disclosure-templates': () => import('@/views/disclosures/templates/index.vue'),
  'disclosure-detail': () => import('@/views/disclosures/detail/index.vue'),
  'proxy-governances': () => import('@/views/proxy_governance/list/index.vue'),
  'proxy-governance-detail': () => import('@/views/proxy_governance/detail/index.vue'),
  'admin-audit': () => import('@/views/admin/audit/index.vue'),
  'admin-calendar': () => import('@/views/admin/calendar/index.vue'),
  'admin-users': () => import('@/views/admin/users/index.vue'),
  'admin-user-stats': () => import('@/views/admin/user-stats/index.vue'),
  'admin-user-stats-list': () => import('@/views/admin/user-stats/list.vue'),
}

/** The routes of the declared pages; a declared page without a view stops the app with a clear message. */
function declaredRoutes(): RouteRecordRaw[] {
  return pagesOf('pc').map((page) => {
    const component = PAGE_VIEWS[page.name]
    if (!component) throw new Error(`PC page "${page.name}" (${page.module.name}) is declared but has no view in router/index.ts PAGE_VIEWS`)
    return {
      path: page.path,
      name: page.name,
      component,
      meta: { title: page.title, features: pageFeatures(page), module: page.module.slug },
    }
  })
}

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/auth/login/index.vue'),
    meta: { title: '登录', public: true },
  },
  {
    path: '/',
    component: () => import('@/views/layout/index.vue'),
    children: [
      {
        path: '',
        name: 'home',
        component: () => import('@/views/home/index.vue'),
        meta: { title: '首页' },
      },
      ...declaredRoutes(),
      // the estate page used to live under 备案情况
      { path: 'filings/estates/:id(\\d+)', redirect: (to) => ({ name: 'estate', params: { id: to.params.id } }) },
    ],
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/exception/404/index.vue'),
    meta: { title: '页面不存在', public: true },
  },
]

const router = createRouter({
  history: createWebHistory('/'),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
})

let pending: Promise<void> | null = null

/** Asks the server for the current user once per page load. */
function ensureSession(): Promise<void> {
  if (session.checked) return Promise.resolve()
  pending ??= me()
    .then(({ data }) => session.setUser(data))
    .catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 401) session.clear()
      // other failures (network, 5xx) leave the session unchecked so the next navigation retries
    })
    .finally(() => {
      pending = null
    })
  return pending
}

router.beforeEach(async (to) => {
  await ensureSession()
  if (to.meta.public) {
    if (to.name === 'login' && session.user) return { name: 'home' }
    return true
  }
  if (!session.user) {
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  }
  // the one feature guard of every declared page (the server enforces the feature again)
  const features = to.meta.features ?? []
  if (features.length && !features.some((feature) => session.can(feature))) return { name: 'home' }
  return true
})

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} - ${PLATFORM_NAME}` : PLATFORM_NAME
})

export default router
