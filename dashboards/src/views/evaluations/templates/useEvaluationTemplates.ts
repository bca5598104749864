import { computed, onMounted, reactive, ref, shallowRef } from 'vue'
import { ApiError, type EvaluationTemplate, type EvaluationTemplateItem } from '@szpm/api'
import { templates } from '@/api/evaluations'
import type { TagType } from '@szpm/core'
import { formatDateTime } from '@/utils/format'
import { confirmed, failureMessage, NETWORK_ERROR, runAction } from '@/utils/feedback'

/** the server's rule: a lower-case letter first, then letters, digits or _, at most 32 */
const KEY_PATTERN = /^[a-z][a-z0-9_]{0,31}$/
export const WEIGHT_TOTAL = 100

export function templateTagType(status: string): TagType {
  if (status === 'active') return 'success'
  if (status === 'draft') return 'warning'
  return 'info'
}

interface EditorItem {
  key: string
  name: string
  description: string
  maxScore: number | undefined
  weight: number | undefined
}

function blankItem(): EditorItem {
  return { key: '', name: '', description: '', maxScore: undefined, weight: undefined }
}

/**
 * Client-side checks of a template draft, keyed like the server's fields (`name`, `items`,
 * `items.0.weight` …) so both show in the same place.
 */
export function checkTemplate(name: string, items: EditorItem[]): Record<string, string> {
  const errors: Record<string, string> = {}
  if (!name.trim()) errors.name = '请填写模板名称'
  if (!items.length) errors.items = '至少需要一个评分项'
  const seen = new Set<string>()
  items.forEach((item, index) => {
    const key = item.key.trim()
    if (!key) errors[`items.${index}.key`] = '请填写标识'
    else if (!KEY_PATTERN.test(key)) errors[`items.${index}.key`] = '以小写字母开头，只含小写字母、数字和下划线，最长 32 位'
    else if (seen.has(key)) errors[`items.${index}.key`] = '标识不能重复'
    seen.add(key)
    if (!item.name.trim()) errors[`items.${index}.name`] = '请填写名称'
    if (!item.maxScore || item.maxScore <= 0) errors[`items.${index}.maxScore`] = '满分须大于 0'
    if (!item.weight || item.weight <= 0) errors[`items.${index}.weight`] = '权重须大于 0'
  })
  const sum = items.reduce((total, item) => total + (item.weight ?? 0), 0)
  if (items.length && !errors.items && Math.abs(sum - WEIGHT_TOTAL) > 1e-9) errors.items = `权重合计须为 ${WEIGHT_TOTAL}，当前为 ${sum}`
  return errors
}

/** 评分模板 (city admin): list, draft editor, 启用, 删除 */
export function useEvaluationTemplates() {
  const rows = shallowRef<EvaluationTemplate[]>([])
  const loading = ref(false)
  const errorMessage = ref('')
  const exportUrl = templates.exportUrl()

  async function load() {
    loading.value = true
    errorMessage.value = ''
    try {
      rows.value = (await templates.list()).data
    } catch (error) {
      rows.value = []
      errorMessage.value = failureMessage(error)
    } finally {
      loading.value = false
    }
  }
  onMounted(load)

  const isEditable = (row: EvaluationTemplate) => row.status === 'draft' && row.usedBy === 0

  // ---- editor ---------------------------------------------------------------------------
  const dialogOpen = ref(false)
  /** the draft being edited; null = a new one */
  const editing = shallowRef<EvaluationTemplate | null>(null)
  /** 查看 of an active / retired template: the editor, read-only */
  const readOnly = ref(false)
  const form = reactive<{ name: string; items: EditorItem[] }>({ name: '', items: [] })
  const fieldErrors = ref<Record<string, string>>({})
  const saving = ref(false)

  const weightSum = computed(() => form.items.reduce((total, item) => total + (item.weight ?? 0), 0))
  const weightsOk = computed(() => Math.abs(weightSum.value - WEIGHT_TOTAL) < 1e-9)
  const dialogTitle = computed(() => (readOnly.value ? `查看模板 · ${editing.value?.name ?? ''}` : editing.value ? '编辑模板' : '新建模板'))

  function fill(name: string, items: EvaluationTemplateItem[]) {
    form.name = name
    form.items = items.map((item) => ({ ...item }))
    fieldErrors.value = {}
  }

  /** a new draft starts as a copy of the template in use */
  function openCreate() {
    const active = rows.value.find((row) => row.status === 'active')
    editing.value = null
    readOnly.value = false
    fill(active ? `${active.name}（修订）` : '', active?.items ?? [])
    if (!form.items.length) form.items.push(blankItem())
    dialogOpen.value = true
  }

  function openEdit(row: EvaluationTemplate) {
    editing.value = row
    readOnly.value = !isEditable(row)
    fill(row.name, row.items)
    dialogOpen.value = true
  }

  function addItem() {
    form.items.push(blankItem())
  }

  function removeItem(index: number) {
    form.items.splice(index, 1)
    fieldErrors.value = {}
  }

  async function save() {
    if (saving.value || readOnly.value) return
    const errors = checkTemplate(form.name, form.items)
    fieldErrors.value = errors
    if (Object.keys(errors).length) {
      if (errors.items) ElMessage.warning(errors.items)
      return
    }
    const input = {
      name: form.name.trim(),
      items: form.items.map((item) => ({
        key: item.key.trim(),
        name: item.name.trim(),
        description: item.description.trim(),
        maxScore: item.maxScore as number,
        weight: item.weight as number,
      })),
    }
    saving.value = true
    try {
      if (editing.value) await templates.update(editing.value.id, { ...input, version: editing.value.version })
      else await templates.create(input)
      ElMessage.success(editing.value ? '模板已保存' : '模板已创建')
      dialogOpen.value = false
      await load()
    } catch (error) {
      if (!(error instanceof ApiError)) ElMessage.error(NETWORK_ERROR)
      else if (Object.keys(error.fields).length) {
        fieldErrors.value = { ...error.fields }
        if (error.fields.items) ElMessage.error(error.fields.items)
      } else {
        ElMessage.error(error.message)
        if (error.status === 409 || error.status === 404) {
          dialogOpen.value = false
          await load()
        }
      }
    } finally {
      saving.value = false
    }
  }

  // ---- row actions ------------------------------------------------------------------------
  const busyId = ref<number | null>(null)

  async function runRow(row: EvaluationTemplate, action: () => Promise<unknown>, success: string) {
    busyId.value = row.id
    try {
      await runAction(action, success)
    } finally {
      busyId.value = null
      await load()
    }
  }

  async function activate(row: EvaluationTemplate) {
    if (!(await confirmed(`启用「${row.name}」后，之后开始的评价周期将使用该模板，当前启用的模板将停用。`, '启用模板'))) return
    await runRow(row, () => templates.activate(row.id, row.version), '模板已启用')
  }

  async function destroy(row: EvaluationTemplate) {
    if (!(await confirmed(`确定删除草稿「${row.name}」？`, '删除模板'))) return
    await runRow(row, () => templates.destroy(row.id), '模板已删除')
  }

  return {
    rows,
    loading,
    errorMessage,
    exportUrl,
    load,
    isEditable,
    dialogOpen,
    dialogTitle,
    editing,
    readOnly,
    form,
    fieldErrors,
    saving,
    weightSum,
    weightsOk,
    openCreate,
    openEdit,
    addItem,
    removeItem,
    save,
    busyId,
    activate,
    destroy,
    templateTagType,
    formatDateTime,
  }
}
