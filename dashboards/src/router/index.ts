import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { ApiError } from '@szpm/api'
import { me } from '@/api/auth'
import { PLATFORM_NAME } from '@/constants/app'
import { session } from '@/stores/session'

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
      {
        path: 'filings',
        name: 'filings',
        component: () => import('@/views/filings/overview/index.vue'),
        meta: { title: '备案情况' },
      },
      {
        path: 'filings/records',
        name: 'filing-records',
        component: () => import('@/views/filings/records/index.vue'),
        meta: { title: '备案记录' },
      },
      {
        path: 'filings/estates/:id(\\d+)',
        name: 'filing-estate',
        component: () => import('@/views/filings/estate/index.vue'),
        meta: { title: '物业项目备案详情' },
      },
      {
        path: 'projects',
        name: 'projects',
        component: () => import('@/views/projects/overview/index.vue'),
        meta: { title: '项目管理' },
      },
      {
        path: 'projects/estates',
        name: 'project-estates',
        component: () => import('@/views/projects/estates/index.vue'),
        meta: { title: '物业项目列表' },
      },
      // 待办事项 (module 4)
      {
        path: 'todos',
        name: 'todos',
        component: () => import('@/views/todos/index.vue'),
        meta: { title: '待办事项' },
        beforeEnter: () => (session.can('todos.view') ? true : { name: 'home' }),
      },
      // 街道社区评价 (module 13)
      {
        path: 'evaluations',
        name: 'evaluations',
        component: () => import('@/views/evaluations/overview/index.vue'),
        meta: { title: '社区评价情况' },
        beforeEnter: () => (session.can('evaluations.view') ? true : { name: 'home' }),
      },
      {
        path: 'evaluations/list',
        name: 'evaluation-list',
        component: () => import('@/views/evaluations/list/index.vue'),
        meta: { title: '评价列表' },
        beforeEnter: () => (session.can('evaluations.view') ? true : { name: 'home' }),
      },
      {
        path: 'evaluations/templates',
        name: 'evaluation-templates',
        component: () => import('@/views/evaluations/templates/index.vue'),
        meta: { title: '评分模板' },
        beforeEnter: () => (session.can('evaluations.manage') ? true : { name: 'home' }),
      },
      {
        path: 'evaluations/:id(\\d+)',
        name: 'evaluation-detail',
        component: () => import('@/views/evaluations/detail/index.vue'),
        meta: { title: '街道社区评价' },
        beforeEnter: () => (session.can('evaluations.view') ? true : { name: 'home' }),
      },
      {
        path: 'admin/audit',
        name: 'admin-audit',
        component: () => import('@/views/admin/audit/index.vue'),
        meta: { title: '审计日志' },
        beforeEnter: () => (session.can('audit.view') ? true : { name: 'home' }),
      },
      {
        path: 'admin/calendar',
        name: 'admin-calendar',
        component: () => import('@/views/admin/calendar/index.vue'),
        meta: { title: '节假日日历' },
        beforeEnter: () => (session.can('calendar.manage') ? true : { name: 'home' }),
      },
      {
        path: 'admin/users',
        name: 'admin-users',
        component: () => import('@/views/admin/users/index.vue'),
        meta: { title: '权限管理' },
        beforeEnter: () => (session.can('users.manage') ? true : { name: 'home' }),
      },
      {
        path: 'admin/user-stats',
        name: 'admin-user-stats',
        component: () => import('@/views/admin/user-stats/index.vue'),
        meta: { title: '用户统计' },
        beforeEnter: () => (session.can('users.view') ? true : { name: 'home' }),
      },
      {
        path: 'admin/user-stats/:category/:metric',
        name: 'admin-user-stats-list',
        component: () => import('@/views/admin/user-stats/list.vue'),
        meta: { title: '用户统计明细' },
        beforeEnter: () => (session.can('users.view') ? true : { name: 'home' }),
      },
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
  return true
})

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} - ${PLATFORM_NAME}` : PLATFORM_NAME
})

export default router
