import { computed, reactive, ref, shallowRef, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { ElMessage } from 'element-plus'
import { ApiError, safetyYearOptions, type SafetyItem, type SafetyItemsMeta } from '@szpm/api'
import { items, storeItem, updateItem } from '@/api/safety'
import { failureMessage } from '@/utils/feedback'

interface ItemForm {
  title: string
  description: string
  max_score: number
  sort_order: number
}

/**
 * 考核内容配置 (city administrator): a year's assessment items (?year=, default this year), added or
 * edited in a dialog while the year has no score; 分值 totals shown beside the list.
 */
export function useSafetyItems() {
  const route = useRoute()
  const router = useRouter()
  const rows = shallowRef<SafetyItem[]>([])
  const meta = shallowRef<SafetyItemsMeta | null>(null)
  const loading = ref(false)
  const errorMessage = ref('')
  const year = computed(() => (typeof route.query.year === 'string' && /^\d{4}$/.test(route.query.year) ? Number(route.query.year) : undefined))

  async function load() {
    loading.value = true
    errorMessage.value = ''
    try {
      const response = await items(year.value)
      rows.value = response.data
      meta.value = response.meta
    } catch (error) {
      errorMessage.value = failureMessage(error)
    } finally {
      loading.value = false
    }
  }
  watch(year, () => void load(), { immediate: true })

  /** this year, the years with items and the next year (configured ahead) */
  const yearOptions = computed(() => {
    if (!meta.value) return []
    return safetyYearOptions({ currentYear: meta.value.currentYear, years: [...meta.value.years, meta.value.currentYear + 1] })
  })
  const totalScore = computed(() => rows.value.reduce((sum, row) => sum + row.maxScore, 0))
  function changeYear(value: string) {
    void router.push({ name: route.name!, query: { ...route.query, year: value } })
  }

  // ---- the dialog ------------------------------------------------------------------------------
  const dialogOpen = ref(false)
  const saving = ref(false)
  const editing = ref<SafetyItem | null>(null)
  const form = reactive<ItemForm>({ title: '', description: '', max_score: 10, sort_order: 1 })
  const fieldErrors = ref<Record<string, string>>({})

  function openCreate() {
    editing.value = null
    Object.assign(form, { title: '', description: '', max_score: 10, sort_order: rows.value.length + 1 })
    fieldErrors.value = {}
    dialogOpen.value = true
  }
  function openEdit(row: SafetyItem) {
    editing.value = row
    Object.assign(form, { title: row.title, description: row.description, max_score: row.maxScore, sort_order: row.sortOrder })
    fieldErrors.value = {}
    dialogOpen.value = true
  }
  async function save() {
    if (!meta.value) return
    saving.value = true
    fieldErrors.value = {}
    try {
      const body = { title: form.title, description: form.description, max_score: form.max_score, sort_order: form.sort_order }
      if (editing.value) await updateItem(editing.value.id, body)
      else await storeItem({ ...body, year: meta.value.year })
      ElMessage.success('已保存')
      dialogOpen.value = false
      await load()
    } catch (error) {
      if (error instanceof ApiError) fieldErrors.value = error.fields
      ElMessage.error(failureMessage(error))
    } finally {
      saving.value = false
    }
  }

  return { rows, meta, loading, errorMessage, load, yearOptions, totalScore, changeYear, dialogOpen, saving, editing, form, fieldErrors, openCreate, openEdit, save }
}
