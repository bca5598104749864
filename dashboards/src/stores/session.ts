import { reactive } from 'vue'
import type { CurrentUser } from '@szpm/api'

/** A tiny reactive store for the signed-in user (no pinia needed for one object). */
const state = reactive<{ user: CurrentUser | null; checked: boolean }>({
  user: null,
  // true once the server has told us whether there is a session
  checked: false,
})

export const session = {
  get user(): CurrentUser | null {
    return state.user
  },
  get checked(): boolean {
    return state.checked
  },
  setUser(user: CurrentUser) {
    state.user = user
    state.checked = true
  },
  /** Feature permissions (功能权限) decide what the UI shows; the server enforces them again. */
  can(feature: string): boolean {
    return state.user?.features.includes(feature) ?? false
  },
  clear() {
    state.user = null
    state.checked = true
  },
}
