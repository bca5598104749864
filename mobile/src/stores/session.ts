/**
 * Tiny reactive session store (no pinia): the signed-in user, shared by every page.
 * It holds state only; loading it (auth.me) happens in the router guard.
 */
import { computed, reactive, readonly } from 'vue'
import type { CurrentUser } from '@szpm/api'

interface SessionState {
  user: CurrentUser | null
  /** true once auth.me() has answered (successfully or not) */
  checked: boolean
}

const state = reactive<SessionState>({ user: null, checked: false })

export const session = readonly(state)

export const currentUser = computed(() => state.user)

export function setUser(user: CurrentUser): void {
  state.user = user
  state.checked = true
}

export function clearUser(): void {
  state.user = null
  state.checked = false
}

export function markChecked(): void {
  state.checked = true
}
