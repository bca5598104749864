import { onBeforeUnmount, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { EQUIPMENT_CATEGORIES, EQUIPMENT_STATUSES, type EquipmentCategory, type EquipmentStatus } from '@szpm/core'
import type { EquipmentImportRow, EquipmentListMeta, EquipmentRow, EstateListRow } from '@szpm/api'
import { api } from '@/api/client'
import { session } from '@/stores/session'
import { useEditDialog } from '@/composables/useEditDialog'
import { usePagedQueryList } from '@/composables/usePagedQueryList'
import { confirmed, failureMessage } from '@/utils/feedback'
import { queryNumber, queryString } from '@/utils/format'

export const CATEGORY_OPTIONS = Object.entries(EQUIPMENT_CATEGORIES).map(([value, label]) => ({ value: value as EquipmentCategory, label }))
export const STATUS_OPTIONS = Object.entries(EQUIPMENT_STATUSES).map(([value, label]) => ({ value: value as EquipmentStatus, label }))

type EquipmentFilters = { estate_id?: number; category?: EquipmentCategory; status?: EquipmentStatus; q?: string }

export interface EquipmentForm {
  estateId: number | null
  code: string
  name: string
  category: EquipmentCategory | ''
  location: string
  quantity: number
  commissionedOn: string | null
  status: EquipmentStatus
}

const emptyForm = (): EquipmentForm => ({ estateId: null, code: '', name: '', category: '', location: '', quantity: 1, commissionedOn: null, status: 'normal' })

/** how often the page asks for an import's progress */
const POLL_MS = 800

/**
 * 设施设备: the equipment of the user's estates (filters and page in the URL, exported with the same
 * filters), add / edit / delete with the version read (someone else's change since is a 409: the list
 * reloads), and the Excel import — upload, then the job's progress until it succeeds (the list reloads)
 * or is refused (the error report's download).
 */
export function useEquipment() {
  const canManage = session.can('areas.manage')
  const canExport = session.can('areas.export')
  const list = usePagedQueryList<EquipmentFilters, EquipmentRow, EquipmentListMeta>({
    routeName: 'areas-equipment',
    fields: {
      estate_id: { param: 'estate_id', parse: queryNumber },
      category: { param: 'category', parse: (value) => queryString(value) as EquipmentCategory | undefined },
      status: { param: 'status', parse: (value) => queryString(value) as EquipmentStatus | undefined },
      q: { param: 'q', parse: queryString },
    },
    scopeKeys: ['estate_id'],
    formKeys: ['category', 'status', 'q'],
    fetch: (query) => api.areas.equipment(query),
    exportUrl: (filters) => api.areas.equipmentExportUrl(filters),
  })

  // the estate picker of the add dialog: estates of the user's scope by name
  const estateOptions = ref<EstateListRow[]>([])
  const estatesLoading = ref(false)
  async function searchEstates(q: string) {
    estatesLoading.value = true
    try {
      estateOptions.value = (await api.estates.list({ q: q || undefined, per_page: 20 })).data
    } catch {
      estateOptions.value = []
    } finally {
      estatesLoading.value = false
    }
  }

  const dialog = useEditDialog<EquipmentRow, EquipmentForm>({
    empty: emptyForm,
    formOf: (row) => ({ estateId: row.estateId, code: row.code, name: row.name, category: row.category, location: row.location, quantity: row.quantity, commissionedOn: row.commissionedOn, status: row.status }),
    submit: async (form, editing) => {
      const body = { code: form.code, name: form.name, category: form.category as EquipmentCategory, location: form.location, quantity: form.quantity, commissioned_on: form.commissionedOn || null, status: form.status }
      if (editing) {
        await api.areas.updateEquipment(editing.id, { ...body, version: editing.version })
        return '已保存'
      }
      await api.areas.addEquipment({ estate_id: form.estateId ?? 0, ...body })
      return '已新增'
    },
    reload: list.load,
  })

  async function remove(row: EquipmentRow) {
    if (!(await confirmed(`确定删除设施设备“${row.code} ${row.name}”吗？`, '删除设施设备'))) return
    try {
      await api.areas.deleteEquipment(row.id, row.version)
      ElMessage.success('已删除')
    } catch (error) {
      ElMessage.error(failureMessage(error))
    }
    await list.load()
  }

  // the import
  const importOpen = ref(false)
  const importing = ref<EquipmentImportRow | null>(null)
  const uploading = ref(false)
  const importError = ref('')
  let timer: ReturnType<typeof setTimeout> | undefined

  function openImport() {
    importing.value = null
    importError.value = ''
    importOpen.value = true
  }

  async function poll(id: number) {
    try {
      importing.value = (await api.areas.importStatus(id)).data
    } catch (error) {
      importError.value = failureMessage(error)
      return
    }
    const state = importing.value.status
    if (state === 'succeeded') {
      ElMessage.success(`导入成功：${importing.value.importedCount} 条`)
      await list.load()
    } else if (state !== 'rejected' && state !== 'failed') timer = setTimeout(() => void poll(id), POLL_MS)
  }

  async function upload(file: File) {
    importError.value = ''
    uploading.value = true
    try {
      importing.value = (await api.areas.startImport(file, file.name)).data
      timer = setTimeout(() => void poll(importing.value!.id), POLL_MS)
    } catch (error) {
      importError.value = failureMessage(error)
    } finally {
      uploading.value = false
    }
    // el-upload: the file went through our own request
    return false
  }

  onBeforeUnmount(() => clearTimeout(timer))

  return {
    list, dialog, remove, canManage, canExport, estateOptions, estatesLoading, searchEstates,
    importOpen, importing, uploading, importError, openImport, upload,
    templateUrl: api.areas.templateUrl(),
    reportUrl: (id: number) => api.areas.reportUrl(id),
  }
}
