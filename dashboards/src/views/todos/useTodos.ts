import { computed, onMounted, shallowRef, watch } from 'vue'
import { useRoute, useRouter, type RouteLocationRaw } from 'vue-router'
import type { TodoCounts, TodoQuery, TodoRow, TodoTab, WorkflowProcess } from '@szpm/api'
import { WORKFLOW_PROCESSES } from '@szpm/core'
import { counts as loadCounts, exportUrl as todosExportUrl, list } from '@/api/todos'
import { usePagedQueryList } from '@/composables/usePagedQueryList'
import { todoBadge } from '@/stores/todoBadge'
import { formatDate, formatDateTime, queryString } from '@/utils/format'

export const TODOS_ROUTE = 'todos'

/** the processes that feed the inbox (TodoRow.process), from the module declarations */
export const PROCESS_OPTIONS: { value: WorkflowProcess; label: string }[] = WORKFLOW_PROCESSES.map((process) => ({ value: process.name, label: process.label }))

interface TodoFilters {
  tab?: string
  process?: string
  q?: string
}

const parseTab = (value: unknown): string | undefined => (queryString(value) === 'done' ? 'done' : undefined)

function apiQuery(filters: Partial<TodoFilters> & { page?: number; per_page?: number }): TodoQuery {
  return {
    tab: (filters.tab ?? 'pending') as TodoTab,
    process: (filters.process || undefined) as WorkflowProcess | undefined,
    q: filters.q,
    page: filters.page,
    per_page: filters.per_page,
  }
}

/**
 * Where 办理 / 查看 of a to-do leads: the page its process declares (`todoPage`), opened on the
 * subject. E.g. an evaluation waiting in `submitted` opens its review, in `pending` the community
 * scoring — the same page, which takes its mode from what the server allows.
 */
export function todoTarget(row: TodoRow): RouteLocationRaw {
  const process = WORKFLOW_PROCESSES.find((candidate) => candidate.name === row.process)
  return process ? { name: process.todoPage, params: { id: String(row.subjectId) } } : { name: TODOS_ROUTE }
}

/** 待办事项: 待办 / 已办 tabs over one paged, URL-driven list */
export function useTodos() {
  const route = useRoute()
  const router = useRouter()
  const listState = usePagedQueryList<TodoFilters, TodoRow>({
    routeName: TODOS_ROUTE,
    fields: {
      tab: { param: 'tab', parse: parseTab },
      process: { param: 'process', parse: queryString },
      q: { param: 'q', parse: queryString },
    },
    scopeKeys: ['tab'],
    formKeys: ['process', 'q'],
    fetch: (query) => list(apiQuery(query)),
    exportUrl: (filters) => todosExportUrl(apiQuery(filters)),
  })
  const { filters } = listState

  const tab = computed<TodoTab>(() => (filters.value.tab === 'done' ? 'done' : 'pending'))
  const pendingTab = computed(() => tab.value === 'pending')

  const tabCounts = shallowRef<TodoCounts | null>(null)
  async function refreshCounts() {
    try {
      tabCounts.value = (await loadCounts()).data
    } catch {
      // the tabs show no number
    }
    void todoBadge.refresh()
  }
  onMounted(refreshCounts)
  // a list reload (tab switch, back from a handling page) refreshes the counts too
  watch(
    () => JSON.stringify(filters.value),
    () => {
      if (route.name === TODOS_ROUTE) void refreshCounts()
    }
  )

  const tabLabel = (which: TodoTab) => {
    const name = which === 'pending' ? '待办' : '已办'
    const count = tabCounts.value?.[which]
    return count === undefined ? name : `${name}（${count}）`
  }

  function switchTab(name: string | number) {
    const next = name === 'done' ? 'done' : 'pending'
    if (next === tab.value) return
    const { process, q, per_page } = filters.value
    void router.push({
      name: TODOS_ROUTE,
      query: {
        ...(next === 'done' ? { tab: 'done' } : {}),
        ...(process ? { process } : {}),
        ...(q ? { q } : {}),
        ...(per_page !== 20 ? { per_page: String(per_page) } : {}),
      },
    })
  }

  /** 剩余工作日: red and 已超期 once negative */
  function daysLeftText(row: TodoRow): string {
    if (row.workingDaysLeft === null) return '—'
    if (row.workingDaysLeft < 0) return `已超期 ${-row.workingDaysLeft} 个工作日`
    if (row.workingDaysLeft === 0) return '今日到期'
    return `${row.workingDaysLeft} 个工作日`
  }

  function rowClassName({ row }: { row: TodoRow }): string {
    return `todo-row-${row.process}-${row.subjectId}`
  }

  return {
    ...listState,
    tab,
    pendingTab,
    tabLabel,
    switchTab,
    processOptions: PROCESS_OPTIONS,
    todoTarget,
    daysLeftText,
    rowClassName,
    formatDate,
    formatDateTime,
  }
}
