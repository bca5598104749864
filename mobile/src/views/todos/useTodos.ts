import { computed, ref } from 'vue'
import { useRoute, useRouter, type RouteLocationRaw } from 'vue-router'
import type { TodoCounts, TodoQuery, TodoRow, TodoTab } from '@szpm/api'
import { fetchTodoCounts, fetchTodos } from '@/api/todos'
import { useInfiniteQueryList } from '@/composables/useInfiniteQueryList'
import { queryString } from '@/utils/query'
import { formatCount, formatDateTime, pagesOf, WORKFLOW_PROCESSES } from '@szpm/core'

export const TODOS_PATH = '/todos'

/** pages the H5 has (a process whose to-do page is PC-only is handled on the PC) */
const H5_PAGES = new Set(pagesOf('h5').map((page) => page.name))

function tabValue(value: string | undefined): TodoTab {
  return value === 'done' ? 'done' : 'pending'
}

/** 期限 line of a 待办: the due date and the working days left (negative = overdue) */
export interface DueInfo {
  text: string
  overdue: boolean
}

export function dueInfo(row: TodoRow): DueInfo | null {
  if (!row.dueOn) return null
  const left = row.workingDaysLeft
  if (left === null) return { text: `期限 ${row.dueOn}`, overdue: false }
  if (left < 0) return { text: `期限 ${row.dueOn} · 已超期 ${-left} 个工作日`, overdue: true }
  if (left === 0) return { text: `期限 ${row.dueOn} · 今日到期`, overdue: false }
  return { text: `期限 ${row.dueOn} · 剩余 ${left} 个工作日`, overdue: false }
}

/** 待办事项: the 待办 / 已办 tabs (?tab=done), the search box (?q=) and the badges */
export function useTodos() {
  const route = useRoute()
  const router = useRouter()

  const list = useInfiniteQueryList({
    path: TODOS_PATH,
    filtersFromQuery: (query): TodoQuery => ({
      tab: tabValue(queryString(query.tab)),
      q: queryString(query.q),
    }),
    fetch: fetchTodos,
  })

  const counts = ref<TodoCounts | null>(null)

  async function loadCounts(): Promise<void> {
    try {
      counts.value = await fetchTodoCounts()
    } catch {
      // the list reports failures itself; the badges just stay as they were
    }
  }

  /** the van-tabs model; the tab lives in the URL so back navigation returns to it */
  const tab = computed<TodoTab>({
    get: () => list.filters.value.tab ?? 'pending',
    set: (value) => void router.replace({ query: { ...route.query, tab: value === 'done' ? 'done' : undefined } }),
  })

  async function refresh(): Promise<void> {
    void loadCounts()
    await list.refresh()
  }

  const totalText = computed(() => (list.total.value === null ? '' : `共 ${formatCount(list.total.value)} 条`))

  /** the badge of a tab: a number, or nothing when it is zero / unknown */
  function badge(which: TodoTab): number | undefined {
    const value = which === 'pending' ? counts.value?.pending : counts.value?.done
    return value ? value : undefined
  }

  /** where a row opens: the page its process declares (a 待办 to handle, an 已办 read-only); null = not on the H5 */
  function target(row: TodoRow): RouteLocationRaw | null {
    const process = WORKFLOW_PROCESSES.find((candidate) => candidate.name === row.process)
    if (!process || !H5_PAGES.has(process.todoPage)) return null
    const done = list.filters.value.tab === 'done'
    return { name: process.todoPage, params: { id: String(row.subjectId) }, query: done ? { view: '1' } : { from: 'todos' } }
  }

  function open(row: TodoRow): void {
    const to = target(row)
    if (to) void router.push(to)
    else showToast('请在电脑端办理该事项')
  }

  /** 街道社区评价 · 园岭一社区 · 待社区评分 (the region only when the summary does not name it already) */
  function rowLabel(row: TodoRow): string {
    const parts = [row.processName]
    if (!row.summary?.includes(row.regionName)) parts.push(row.regionName)
    if (row.summary) parts.push(row.summary)
    return parts.join(' · ')
  }

  /** 已办: 办理人 / 时间 / 结果 */
  function doneLine(row: TodoRow): string {
    return [
      `办理人 ${row.closedByName ?? '系统'}`,
      formatDateTime(row.closedAt),
      row.outcomeName ? `结果 ${row.outcomeName}` : null,
    ]
      .filter(Boolean)
      .join(' · ')
  }

  void loadCounts()

  return { ...list, counts, tab, refresh, totalText, badge, open, rowLabel, doneLine, dueInfo, formatDateTime }
}
