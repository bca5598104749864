import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { NoticeListItem, NoticeListQuery, NoticeRow } from '@szpm/api'
import { notices } from '@/api/notices'
import { usePagedQueryList } from '@/composables/usePagedQueryList'
import { confirmed, failureMessage } from '@/utils/feedback'
import { formatDateTime, queryString } from '@/utils/format'

export const NOTICES_ROUTE = 'notices'

interface NoticeFilters {
  q?: string
  from?: string
  to?: string
  show_urges?: string
}

function apiQuery(filters: Partial<NoticeFilters> & { page?: number; per_page?: number }): NoticeListQuery {
  return {
    q: filters.q,
    from: filters.from,
    to: filters.to,
    show_urges: filters.show_urges === '1' ? '1' : undefined,
    page: filters.page,
    per_page: filters.per_page,
  }
}

/** 部门已发消息: the street's notices with read / unread counts, 显示催办, 催办 and export */
export function useNoticeList() {
  const list = usePagedQueryList<NoticeFilters, NoticeListItem>({
    routeName: NOTICES_ROUTE,
    fields: {
      q: { param: 'q', parse: queryString },
      from: { param: 'from', parse: queryString },
      to: { param: 'to', parse: queryString },
      show_urges: { param: 'show_urges', parse: (value) => (queryString(value) === '1' ? '1' : undefined) },
    },
    scopeKeys: ['show_urges'],
    formKeys: ['q', 'from', 'to'],
    fetch: (query) => notices.list(apiQuery(query)),
    exportUrl: (filters) => notices.exportUrl(apiQuery(filters)),
  })

  const route = useRoute()
  const router = useRouter()
  /** 显示催办: the urges as their own rows under each notice (kept in the URL) */
  const showUrges = computed({
    get: () => list.filters.value.show_urges === '1',
    set: (on: boolean) => void router.push({ name: NOTICES_ROUTE, query: { ...route.query, show_urges: on ? '1' : undefined, page: undefined } }),
  })

  /** 催办 of one notice: confirm, then the server's answer (how many were urged, or why not) */
  async function urge(row: NoticeRow) {
    if (!(await confirmed(`将向「${row.title}」的 ${row.unreadCount} 位未读接收人发送催办提醒（站内消息和微信），每位接收人每天最多催办一次。确定催办？`, '催办'))) return
    try {
      const { data } = await notices.urge(row.id)
      ElMessage.success(`已向 ${data.recipientCount} 位未读接收人发送催办${data.skippedCount ? `，${data.skippedCount} 位今天已催办过` : ''}`)
      await list.load()
    } catch (error) {
      ElMessage.warning(failureMessage(error))
    }
  }

  return { ...list, showUrges, urge, formatDateTime }
}
