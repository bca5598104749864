import { computed, onMounted, reactive, ref, shallowRef, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { ApiError, type CalendarDay, type CalendarDayKind, type CalendarYear } from '@szpm/api'
import { days as listDays, daysExportUrl, deleteDay, updateYear, upsertDay, years as listYears } from '@/api/calendar'
import { formatDate, formatDateTime, queryNumber } from '@/utils/format'
import { confirmed, failureMessage, NETWORK_ERROR, runAction } from '@/utils/feedback'

export const MIN_YEAR = 2000
export const MAX_YEAR = 2100
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

export const KIND_OPTIONS: { value: CalendarDayKind; label: string; hint: string }[] = [
  { value: 'holiday', label: '放假', hint: '法定节假日放假期间的每一天（含其中的周六、周日）' },
  { value: 'workday', label: '调休上班', hint: '因调休需要上班的周六或周日' },
]

export const NAME_OPTIONS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']

/** 星期几 of a YYYY-MM-DD date (read as a calendar date, no time zone involved) */
export function weekdayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return `星期${WEEKDAYS[new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay()]}`
}

export function isWeekendDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number)
  const day = new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay()
  return day === 0 || day === 6
}

export function kindTagType(kind: CalendarDayKind): 'danger' | 'warning' {
  return kind === 'holiday' ? 'danger' : 'warning'
}

export interface YearOption {
  year: number
  label: string
}

/**
 * 节假日日历 (city admin): the holidays and make-up workdays (调休) of a year, 新增 / 编辑 / 删除 in a
 * dialog, 发布 / 取消发布 the year, Excel export. Working-day due dates are refused for a year that is
 * not published; the selected year lives in the URL (?year=).
 */
export function useCalendar() {
  const route = useRoute()
  const router = useRouter()
  // the year in Shenzhen, whatever the browser's time zone
  const thisYear = Number(formatDate(new Date()).slice(0, 4))

  const years = shallowRef<CalendarYear[]>([])
  const rows = shallowRef<CalendarDay[]>([])
  const summary = shallowRef<CalendarYear | null>(null)
  const loading = ref(false)
  const errorMessage = ref('')
  const selectedYear = ref<number>(clampYear(queryNumber(route.query.year)) ?? thisYear)

  function clampYear(year: number | undefined) {
    return year !== undefined && year >= MIN_YEAR && year <= MAX_YEAR ? year : undefined
  }

  /** the years entered, this year and next year (to start entering it), and the selected one */
  const yearOptions = computed<YearOption[]>(() => {
    const known = new Map(years.value.map((y) => [y.year, y]))
    const all = new Set<number>([...known.keys(), thisYear, thisYear + 1, selectedYear.value])
    return [...all]
      .filter((year) => year >= MIN_YEAR && year <= MAX_YEAR)
      .sort((a, b) => b - a)
      .map((year) => {
        const entry = known.get(year)
        const state = !entry ? '未录入' : entry.published ? '已发布' : '未发布'
        return { year, label: `${year}年（${state}）` }
      })
  })

  const exportUrl = computed(() => daysExportUrl(selectedYear.value))
  const statusText = computed(() => (!summary.value ? '未录入' : summary.value.published ? '已发布' : '未发布'))
  const statusType = computed(() => (!summary.value ? 'info' : summary.value.published ? 'success' : 'warning'))

  async function loadYears() {
    years.value = (await listYears()).data
  }

  async function loadDays() {
    const { data, meta } = await listDays(selectedYear.value)
    rows.value = data
    summary.value = meta.year
  }

  async function load() {
    loading.value = true
    errorMessage.value = ''
    try {
      await Promise.all([loadYears(), loadDays()])
    } catch (error) {
      rows.value = []
      summary.value = null
      errorMessage.value = failureMessage(error)
    } finally {
      loading.value = false
    }
  }
  onMounted(load)

  watch(selectedYear, (year) => {
    if (Number(route.query.year) !== year) void router.replace({ query: { ...route.query, year: String(year) } })
    void load()
  })

  // ---- 新增 / 编辑 dialog -----------------------------------------------------------------
  const dialogOpen = ref(false)
  /** the day being edited; null = a new one */
  const editing = shallowRef<CalendarDay | null>(null)
  const form = reactive<{ date: string; kind: CalendarDayKind; name: string }>({ date: '', kind: 'holiday', name: '' })
  const fieldErrors = ref<Record<string, string>>({})
  const saving = ref(false)
  const dialogTitle = computed(() => (editing.value ? `编辑 ${editing.value.date}` : '新增日期'))

  /** the date picker offers the selected year only */
  const disabledDate = (date: Date) => date.getFullYear() !== selectedYear.value

  function openCreate() {
    editing.value = null
    form.date = ''
    form.kind = 'holiday'
    form.name = ''
    fieldErrors.value = {}
    dialogOpen.value = true
  }

  function openEdit(row: CalendarDay) {
    editing.value = row
    form.date = row.date
    form.kind = row.kind
    form.name = row.name
    fieldErrors.value = {}
    dialogOpen.value = true
  }

  function check(): Record<string, string> {
    const errors: Record<string, string> = {}
    if (!form.date) errors.date = '请选择日期'
    else if (Number(form.date.slice(0, 4)) !== selectedYear.value) errors.date = `请选择${selectedYear.value}年的日期`
    else if (form.kind === 'workday' && !isWeekendDate(form.date)) errors.kind = `${form.date}是${weekdayOf(form.date)}，调休上班只能设在周六或周日`
    else if (!editing.value && rows.value.some((row) => row.date === form.date)) errors.date = '该日期已在日历中，请在列表中编辑'
    if (!form.name.trim()) errors.name = '请填写名称，如 国庆节'
    return errors
  }

  async function save() {
    if (saving.value) return
    const errors = check()
    fieldErrors.value = errors
    if (Object.keys(errors).length) return
    saving.value = true
    try {
      await upsertDay(form.date, { kind: form.kind, name: form.name.trim() })
      ElMessage.success(editing.value ? '已保存' : '已新增')
      dialogOpen.value = false
      await load()
    } catch (error) {
      if (!(error instanceof ApiError)) ElMessage.error(NETWORK_ERROR)
      else if (Object.keys(error.fields).length) fieldErrors.value = { ...error.fields }
      else ElMessage.error(error.message)
    } finally {
      saving.value = false
    }
  }

  // ---- row and year actions ---------------------------------------------------------------
  const busy = ref(false)

  async function run(action: () => Promise<unknown>, success: string) {
    busy.value = true
    try {
      await runAction(action, success)
    } finally {
      busy.value = false
      await load()
    }
  }

  async function destroy(row: CalendarDay) {
    const becomes = isWeekendDate(row.date) ? '休息日' : '工作日'
    if (!(await confirmed(`删除后 ${row.date}（${weekdayOf(row.date)}）恢复为普通${becomes}。确定删除？`, '删除日期'))) return
    await run(() => deleteDay(row.date), '已删除')
  }

  async function togglePublished() {
    const year = selectedYear.value
    const publish = !summary.value?.published
    const message = publish
      ? `发布后，${year}年的工作日期限将按本表计算。请确认已按国务院办公厅的通知录入全部放假和调休上班日期。`
      : `取消发布后，涉及${year}年的工作日期限将无法计算，直至重新发布。确定取消发布？`
    if (!(await confirmed(message, publish ? '发布' : '取消发布'))) return
    await run(() => updateYear(year, publish), publish ? `${year}年已发布` : `${year}年已取消发布`)
  }

  return {
    years,
    rows,
    summary,
    loading,
    errorMessage,
    selectedYear,
    yearOptions,
    exportUrl,
    statusText,
    statusType,
    load,
    dialogOpen,
    dialogTitle,
    editing,
    form,
    fieldErrors,
    saving,
    disabledDate,
    openCreate,
    openEdit,
    save,
    busy,
    destroy,
    togglePublished,
    weekdayOf,
    kindTagType,
    formatDateTime,
    kindOptions: KIND_OPTIONS,
    nameOptions: NAME_OPTIONS,
  }
}
