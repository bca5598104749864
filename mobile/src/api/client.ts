/**
 * The app's single API client (the shared typed client from the backend package).
 * Same origin in production (served under /m/), proxied to the backend in dev.
 */
import { START_LOCATION } from 'vue-router'
import { createApiClient } from '@szpm/api'
import router from '@/router'
import { clearUser } from '@/stores/session'

export { ApiError } from '@szpm/api'

export const api = createApiClient({
  baseUrl: '',
  onUnauthorized() {
    clearUser()
    const current = router.currentRoute.value
    // The initial navigation is handled by the router guard itself; public pages stay put.
    if (current === START_LOCATION || current.meta.public) return
    void router.push({ name: 'login', query: { redirect: current.fullPath } })
  },
})
