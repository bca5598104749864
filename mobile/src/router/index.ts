import { createRouter, createWebHistory } from 'vue-router'

/** All views are lazy-loaded so the entry chunk stays small. */
const router = createRouter({
  history: createWebHistory('/m/'),
  routes: [
    {
      path: '/login',
      name: 'login',
      component: () => import('@/views/auth/login/index.vue'),
      meta: { title: '登录', public: true },
    },
    {
      path: '/identity',
      name: 'identity',
      component: () => import('@/views/auth/identity/index.vue'),
      meta: { title: '身份认证', public: true },
    },
    {
      path: '/',
      name: 'home',
      component: () => import('@/views/home/index.vue'),
      meta: { title: '物业服务' },
    },
    {
      path: '/filings',
      name: 'filings',
      component: () => import('@/views/filings/overview/index.vue'),
      meta: { title: '备案情况' },
    },
    {
      path: '/filings/records',
      name: 'filing-records',
      component: () => import('@/views/filings/records/index.vue'),
      meta: { title: '备案记录' },
    },
    {
      path: '/filings/estates/:id(\\d+)',
      name: 'filing-estate',
      component: () => import('@/views/filings/estate/index.vue'),
      meta: { title: '项目备案' },
    },
    {
      path: '/projects',
      name: 'projects',
      component: () => import('@/views/projects/overview/index.vue'),
      meta: { title: '项目管理' },
    },
    {
      path: '/projects/estates',
      name: 'project-estates',
      component: () => import('@/views/projects/estates/index.vue'),
      meta: { title: '物业项目列表' },
    },
    {
      path: '/todos',
      name: 'todos',
      component: () => import('@/views/todos/index.vue'),
      meta: { title: '待办事项' },
    },
    {
      path: '/evaluations',
      name: 'evaluations',
      component: () => import('@/views/evaluations/overview/index.vue'),
      meta: { title: '街道社区评价' },
    },
    {
      path: '/evaluations/list',
      name: 'evaluation-list',
      component: () => import('@/views/evaluations/list/index.vue'),
      meta: { title: '评价列表' },
    },
    {
      path: '/evaluations/:id(\\d+)',
      name: 'evaluation',
      component: () => import('@/views/evaluations/detail/index.vue'),
      meta: { title: '评价详情' },
    },
    {
      path: '/admin/users',
      name: 'admin-users',
      component: () => import('@/views/admin/users/index.vue'),
      meta: { title: '权限管理' },
    },
    {
      path: '/admin/user-stats',
      name: 'admin-user-stats',
      component: () => import('@/views/admin/user-stats/index.vue'),
      meta: { title: '用户统计' },
    },
    {
      path: '/account',
      name: 'account',
      component: () => import('@/views/account/index.vue'),
      meta: { title: '我的' },
    },
    {
      path: '/:pathMatch(.*)*',
      name: 'not-found',
      component: () => import('@/views/errors/not-found/index.vue'),
      meta: { title: '页面不存在', public: true },
    },
  ],
  scrollBehavior(_to, _from, saved) {
    return saved ?? { top: 0 }
  },
})

export default router
