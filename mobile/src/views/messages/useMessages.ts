import { computed, ref } from 'vue'
import { useRoute, useRouter, type RouteLocationRaw } from 'vue-router'
import type { MessageKind, MessageQuery, MessageRow } from '@szpm/api'
import { formatCount, formatDateTime, pagesOf } from '@szpm/core'
import { fetchMessages, fetchUnreadCount, openMessage, readAllMessages } from '@/api/messages'
import { useInfiniteQueryList } from '@/composables/useInfiniteQueryList'
import { queryString } from '@/utils/query'

export const MESSAGES_PATH = '/messages'

/** the kind tabs: 全部 / 通知 / 催办 / 提醒 / 导出 */
export const KIND_TABS: { name: MessageKind | 'all'; label: string }[] = [
  { name: 'all', label: '全部' },
  { name: 'notice', label: '通知' },
  { name: 'urge', label: '催办' },
  { name: 'reminder', label: '提醒' },
  { name: 'export', label: '导出' },
]
const KINDS = new Set<string>(['notice', 'urge', 'reminder', 'export'])

/** pages the H5 has (a subject whose page is PC-only opens the message itself) */
const H5_PAGES = new Set(pagesOf('h5').map((page) => page.name))

/** where a message leads: its subject's page with the subject's id when the H5 has it, else the message itself */
export function messageTarget(row: Pick<MessageRow, 'id' | 'subject'>): RouteLocationRaw {
  return row.subject && H5_PAGES.has(row.subject.page)
    ? { name: row.subject.page, params: { id: String(row.subject.id) } }
    : { name: 'message', params: { id: String(row.id) } }
}

type Filters = MessageQuery & { q?: string }

/** 我的消息: kind tabs (?kind=), unread style and count, opening a message marks it read */
export function useMessages() {
  const route = useRoute()
  const router = useRouter()
  const list = useInfiniteQueryList<Filters, MessageRow>({
    path: MESSAGES_PATH,
    filtersFromQuery: (query): Filters => {
      const kind = queryString(query.kind)
      return { kind: kind && KINDS.has(kind) ? (kind as MessageKind) : undefined }
    },
    fetch: (query) => fetchMessages({ kind: query.kind, page: query.page, per_page: query.per_page }),
  })

  const unread = ref<Record<string, number>>({})
  async function loadUnread(): Promise<void> {
    try {
      const counts = await fetchUnreadCount()
      unread.value = { all: counts.unread, ...counts.byKind }
    } catch {
      // the badges stay as they were
    }
  }

  /** the van-tabs model; the kind lives in the URL so back navigation returns to it */
  const kind = computed<string>({
    get: () => list.filters.value.kind ?? 'all',
    set: (value) => void router.replace({ query: { ...route.query, kind: value === 'all' ? undefined : value } }),
  })

  function badge(name: string): number | undefined {
    return unread.value[name] || undefined
  }

  async function open(row: MessageRow): Promise<void> {
    try {
      await openMessage(row.id)
    } catch {
      // the subject still opens
    }
    await router.push(messageTarget(row))
  }

  async function readAll(): Promise<void> {
    const marked = await readAllMessages(list.filters.value.kind)
    showToast(marked ? `已将 ${marked} 条消息标为已读` : '没有未读消息')
    void loadUnread()
    await list.refresh()
  }

  async function refresh(): Promise<void> {
    void loadUnread()
    await list.refresh()
  }

  const totalText = computed(() => (list.total.value === null ? '' : `共 ${formatCount(list.total.value)} 条`))
  void loadUnread()

  return { ...list, refresh, kind, kindTabs: KIND_TABS, badge, open, readAll, totalText, formatDateTime }
}
