import type { Router } from 'vue-router'
import { ApiError } from '@/api/client'
import { fetchMe } from '@/api/auth'
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

export function installGuards(router: Router): void {
  router.beforeEach(async (to) => {
    if (to.meta.public || session.user) return true
    try {
      await loadSession()
      return true
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) {
        showFailToast(error instanceof Error ? error.message : '网络异常，请稍后重试')
      }
      return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
    }
  })

  router.afterEach((to) => {
    document.title = to.meta.title ?? '物业服务'
  })
}
