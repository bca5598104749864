import { reactive } from 'vue'
import { unreadCount } from '@/api/messages'
import { session } from '@/stores/session'

/**
 * The unread-message badge (我的消息) of the header bell. Refreshed on every route change and after a
 * message is opened or 全部已读; a failed request keeps the last known number.
 */
const state = reactive({ unread: 0 })
let requestSeq = 0

export const messageBadge = {
  get unread(): number {
    return state.unread
  },
  async refresh(): Promise<void> {
    const seq = ++requestSeq
    if (!session.user) {
      state.unread = 0
      return
    }
    try {
      const { data } = await unreadCount()
      if (seq !== requestSeq) return
      state.unread = data.unread
    } catch {
      // keep the last known number
    }
  },
}
