import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { H5_PAGES, h5PageFeatures } from '@/modules'
import { PAGE_COMPONENTS } from './pages'

/**
 * The declared pages (core/src/modules: path, name, title, feature) with their views; a declared
 * H5 page without a view stops the app with a clear message rather than a silent 404.
 */
const declared: RouteRecordRaw[] = H5_PAGES.map((page) => {
  const component = PAGE_COMPONENTS[page.name]
  if (!component) throw new Error(`H5 page "${page.name}" (${page.module.name}) is declared but has no view in router/pages.ts`)
  return {
    path: page.path,
    name: page.name,
    component,
    meta: {
      title: page.title,
      // any one of them opens the page (the estate page: any H5 tab's; each tab checks its own)
      features: h5PageFeatures(page),
      module: page.module.slug,
    },
  }
})

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
    ...declared,
    // links shared before the one estate page existed
    { path: '/filings/estates/:id(\\d+)', redirect: (to) => ({ name: 'estate', params: { id: to.params.id }, query: { tab: 'filings' } }) },
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
