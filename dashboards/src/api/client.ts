import { createApiClient } from '@szpm/api'
import router from '@/router'
import { session } from '@/stores/session'

/**
 * The single API client of the dashboards. The app is served by the backend
 * itself, so every request is same-origin (baseUrl '').
 */
export const api = createApiClient({
  baseUrl: '',
  onUnauthorized: () => {
    // Only react when a signed-in session expired; the router guard handles the first check
    // and the login page handles its own 401s.
    if (!session.user) return
    session.clear()
    const current = router.currentRoute.value
    if (current.name !== 'login') {
      void router.push({ name: 'login', query: { redirect: current.fullPath } })
    }
  },
})

export { ApiError } from '@szpm/api'
export type * from '@szpm/api'
