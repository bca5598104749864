import { computed } from 'vue'
import { useRouter, type RouteLocationRaw } from 'vue-router'
import { ElMessage } from 'element-plus'
import type { MessageKind, MessageQuery, MessageRow } from '@szpm/api'
import { exportUrl as messagesExportUrl, list, readAll as markAllRead, show } from '@/api/messages'
import { usePagedQueryList } from '@/composables/usePagedQueryList'
import { messageBadge } from '@/stores/messageBadge'
import { formatDateTime, queryString } from '@/utils/format'

export const MESSAGES_ROUTE = 'messages'

/** the kind tabs: 全部 / 通知 / 催办 / 提醒 / 导出 */
export const KIND_TABS: { name: MessageKind | 'all'; label: string }[] = [
  { name: 'all', label: '全部' },
  { name: 'notice', label: '通知' },
  { name: 'urge', label: '催办' },
  { name: 'reminder', label: '提醒' },
  { name: 'export', label: '导出' },
]
const KINDS = new Set<string>(['notice', 'urge', 'reminder', 'export'])

interface MessageFilters {
  kind?: string
  unread?: string
}

const parseKind = (value: unknown) => {
  const kind = queryString(value)
  return kind && KINDS.has(kind) ? kind : undefined
}
const parseUnread = (value: unknown) => (queryString(value) === 'true' ? 'true' : undefined)

function apiQuery(filters: Partial<MessageFilters> & { page?: number; per_page?: number }): MessageQuery {
  return {
    kind: filters.kind as MessageKind | undefined,
    unread: filters.unread === 'true' ? 'true' : undefined,
    page: filters.page,
    per_page: filters.per_page,
  }
}

/** where a message leads: its subject's page (with the subject's id) when it has one, else the message itself */
export function messageTarget(row: MessageRow): RouteLocationRaw {
  return row.subject ? { name: row.subject.page, params: { id: String(row.subject.id) } } : { name: 'message', params: { id: String(row.id) } }
}

/** 我的消息: kind tabs over one paged, URL-driven list; opening a message marks it read */
export function useMessages() {
  const router = useRouter()
  const listState = usePagedQueryList<MessageFilters, MessageRow>({
    routeName: MESSAGES_ROUTE,
    fields: {
      kind: { param: 'kind', parse: parseKind },
      unread: { param: 'unread', parse: parseUnread },
    },
    scopeKeys: ['kind', 'unread'],
    formKeys: [],
    fetch: (query) => list(apiQuery(query)),
    exportUrl: (filters) => messagesExportUrl(apiQuery(filters)),
  })
  const { filters } = listState
  const kind = computed(() => filters.value.kind ?? 'all')
  const unreadOnly = computed(() => filters.value.unread === 'true')

  function navigate(next: MessageFilters) {
    const { per_page } = filters.value
    void router.push({
      name: MESSAGES_ROUTE,
      query: {
        ...(next.kind ? { kind: next.kind } : {}),
        ...(next.unread ? { unread: 'true' } : {}),
        ...(per_page !== 20 ? { per_page: String(per_page) } : {}),
      },
    })
  }

  function switchKind(name: string | number) {
    const next = name === 'all' ? undefined : String(name)
    if ((next ?? 'all') === kind.value) return
    navigate({ kind: next, unread: filters.value.unread })
  }

  function toggleUnread(value: string | number | boolean) {
    navigate({ kind: filters.value.kind, unread: value ? 'true' : undefined })
  }

  /** opens a message: marks it read, then its subject page (or the message itself) */
  async function open(row: MessageRow) {
    try {
      await show(row.id)
    } catch {
      // the subject page still opens; the message stays unread
    }
    void messageBadge.refresh()
    await router.push(messageTarget(row))
  }

  async function readAll() {
    const { data } = await markAllRead(filters.value.kind as MessageKind | undefined)
    ElMessage.success(data.marked ? `已将 ${data.marked} 条消息标为已读` : '没有未读消息')
    void messageBadge.refresh()
    await listState.load()
  }

  function rowClassName({ row }: { row: MessageRow }): string {
    return row.readAt ? `message-row message-read` : `message-row message-unread`
  }

  return { ...listState, kind, unreadOnly, kindTabs: KIND_TABS, switchKind, toggleUnread, open, readAll, rowClassName, formatDateTime }
}
