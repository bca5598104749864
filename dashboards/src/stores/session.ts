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
  clear() {
    state.user = null
    state.checked = true
  },
}
