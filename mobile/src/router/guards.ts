import type { RouteMeta, Router } from 'vue-router'
import { ApiError } from '@/api/client'
import { fetchMe } from '@/api/auth'
import { holds } from '@/modules'
import { markChecked, session, setUser } from '@/stores/session'

let pending: Promise<void> | null = null

/** auth.me() once per session; concurrent navigations share the same request */
function loadSession(): Promise<void> {
  pending ??= fetchMe()
    .then(setUser)
    .finally(() => {
      markChecked()
      pending = null
    })
  return pending
}

/** may the signed-in user open a page with this meta (any of its declared features)? */
export function mayOpen(meta: RouteMeta): boolean {
  return !meta.features?.length || meta.features.some(holds)
}

export function installGuards(router: Router): void {
  router.beforeEach(async (to) => {
    if (to.meta.public) return true
    try {
      if (!session.user) await loadSession()
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) {
        showFailToast(error instanceof Error ? error.message : '网络异常，请稍后重试')
      }
      return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
    }
    // a page whose feature the user lacks (e.g. typed in, or an old link): home, with a word why
    if (mayOpen(to.meta)) return true
    showToast('无权访问该页面')
    return { name: 'home' }
  })

  router.afterEach((to) => {
    document.title = to.meta.title ?? '物业服务'
  })
}
