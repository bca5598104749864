import { reactive } from 'vue'
import { counts } from '@/api/todos'
import { session } from '@/stores/session'

/**
 * The 待办 badge (TodoCounts.pending) shown in the header. Refreshed on
 * every route change and after a workflow submit; a failed request keeps the last known numbers.
 */
const state = reactive<{ pending: number; done: number }>({ pending: 0, done: 0 })
let requestSeq = 0

export const todoBadge = {
  get pending(): number {
    return state.pending
  },
  get done(): number {
    return state.done
  },
  async refresh(): Promise<void> {
    const seq = ++requestSeq
    if (!session.can('todos.view')) {
      state.pending = 0
      state.done = 0
      return
    }
    try {
      const { data } = await counts()
      // only the newest answer counts (a submit may refresh while a route change is still loading)
      if (seq !== requestSeq) return
      state.pending = data.pending
      state.done = data.done
    } catch {
      // keep the last known counts; the 待办事项 page shows its own errors
    }
  },
}
