import { computed, onMounted, ref, shallowRef } from 'vue'
import { useRouter } from 'vue-router'
import { EMPTY, formatMetric, pagesOf, statisticsPage, STATISTICS_MODULES, type MetricDeclaration, type ModuleDeclaration } from '@szpm/core'
import type { TodoRow } from '@szpm/api'
import { stats } from '@/api/statistics'
import { list as listTodos } from '@/api/todos'
import { session } from '@/stores/session'
import { todoTarget } from '@/views/todos/useTodos'

/** how many open to-dos the 工作台 lists */
export const HOME_TODO_COUNT = 5

export interface KeyFigure {
  key: string
  label: string
  /** formatted by the metric's declared format */
  value: string
  /** shown after counts and scores (areas and percentages carry their own unit) */
  unit: string
}

export interface FigureCard {
  slug: string
  name: string
  /** the module's own page (its statistics page), opened by a click on a figure */
  page: string
  state: 'loading' | 'ready' | 'error'
  figures: KeyFigure[]
}

function unitOf(metric: MetricDeclaration): string {
  return metric.format === 'count' || metric.format === 'score' ? (metric.unit ?? '') : ''
}

/** the page a figure opens: the page named by the module's slug, else its first menu page */
function modulePage(module: ModuleDeclaration): string | undefined {
  const pages = pagesOf('pc').filter((page) => page.module.slug === module.slug)
  return (pages.find((page) => page.name === statisticsPage(module)) ?? pages.find((page) => page.menu))?.name
}

/**
 * The home 工作台: the user's first open to-dos, the key figures of their region from every
 * statistics module they may view (declared `keyFigures`, labelled and formatted by the declaration),
 * and 通知公告 (the newest received notices, views/notices/components/HomeNotices.vue).
 */
export function useHome() {
  const router = useRouter()
  const user = computed(() => session.user)

  // ── key figures: one card per statistics module the user may view
  const visibleModules = STATISTICS_MODULES.filter((module) => session.can(`${module.slug}.view`) && modulePage(module))
  const cards = ref<FigureCard[]>(
    visibleModules.map((module) => ({
      slug: module.slug,
      name: module.name,
      page: modulePage(module)!,
      state: 'loading',
      figures: [],
    }))
  )

  async function loadFigures(card: FigureCard, module: ModuleDeclaration) {
    const declared = module.statistics!
    try {
      const { meta } = await stats(module.slug)
      card.figures = declared.keyFigures.map((key) => {
        const metric = (declared.metrics as Record<string, MetricDeclaration>)[key]
        const value = formatMetric(metric.format, meta.totals[key])
        return { key, label: metric.label, value, unit: value === EMPTY ? '' : unitOf(metric) }
      })
      card.state = 'ready'
    } catch {
      card.state = 'error'
    }
  }

  function openModule(card: FigureCard) {
    void router.push({ name: card.page })
  }

  // ── to-dos: the first open ones, each opening its subject
  const canTodos = computed(() => session.can('todos.view'))
  const todos = shallowRef<TodoRow[]>([])
  const todoTotal = ref(0)
  const todosState = ref<'loading' | 'ready' | 'error'>('loading')

  async function loadTodos() {
    try {
      const { data, meta } = await listTodos({ tab: 'pending', per_page: HOME_TODO_COUNT })
      todos.value = data
      todoTotal.value = meta.total
      todosState.value = 'ready'
    } catch {
      todosState.value = 'error'
    }
  }

  function openTodo(row: TodoRow) {
    void router.push(todoTarget(row))
  }

  /** 剩余工作日 in a few words */
  function dueText(row: TodoRow): string {
    if (row.workingDaysLeft === null) return row.dueOn ? `${row.dueOn} 到期` : ''
    if (row.workingDaysLeft < 0) return `已超期 ${-row.workingDaysLeft} 个工作日`
    if (row.workingDaysLeft === 0) return '今日到期'
    return `剩余 ${row.workingDaysLeft} 个工作日`
  }

  onMounted(() => {
    cards.value.forEach((card, index) => void loadFigures(card, visibleModules[index]))
    if (canTodos.value) void loadTodos()
  })

  /** an estate-side account's own estates (项目经理, 业委会主任): its whole scope, each opening the estate page */
  const ownEstates = computed(() => session.user?.estates ?? [])

  return { user, cards, openModule, canTodos, todos, todoTotal, todosState, openTodo, dueText, ownEstates }
}
