import { reactive, ref } from 'vue'
import { useRouter } from 'vue-router'
import { INSPECTION_TARGET_MODES, type InspectionTargetMode } from '@szpm/core'
import type { InspectionTask } from '@szpm/api'
import { inspections } from '@/api/inspections'
import { usePagedQueryList } from '@/composables/usePagedQueryList'
import { session } from '@/stores/session'
import { submitForm } from '@/utils/feedback'
import { queryString } from '@/utils/format'

interface TaskFilters {
  q?: string
}

/** the 发布任务 form's draft */
function emptyDraft() {
  return {
    title: '',
    deadline: '',
    items: [{ content: '', photo_required: false }] as { content: string; photo_required: boolean }[],
    target_mode: 'region' as InspectionTargetMode,
    region_id: undefined as number | undefined,
    estate_types: [] as string[],
    estate_ids: [] as number[],
  }
}

/**
 * 安全检查任务: the tasks reaching the user's region with their completion (导出Excel), and — for the city
 * and district bureaus (`inspections.manage`) — 发布任务: title, ordered checklist (需拍照), deadline and
 * the target estates by region, estate type or an explicit list (resolved by the server at publish).
 */
export function useInspectionTasks() {
  const list = usePagedQueryList<TaskFilters, InspectionTask>({
    routeName: 'inspection-tasks',
    fields: { q: { param: 'q', parse: queryString } },
    scopeKeys: [],
    formKeys: ['q'],
    fetch: (query) => inspections.tasks({ q: query.q || undefined, page: query.page, per_page: query.per_page }),
    exportUrl: (filters) => inspections.tasksExportUrl({ q: filters.q || undefined }),
  })
  const router = useRouter()
  const canPublish = session.can('inspections.manage')
  const publishing = ref(false)
  const saving = ref(false)
  const draft = reactive(emptyDraft())
  const fieldErrors = ref<Record<string, string>>({})

  function openPublish() {
    Object.assign(draft, emptyDraft())
    fieldErrors.value = {}
    publishing.value = true
  }
  const addItem = () => draft.items.push({ content: '', photo_required: false })
  const removeItem = (index: number) => draft.items.length > 1 && draft.items.splice(index, 1)
  const moveItem = (index: number, by: -1 | 1) => {
    const other = index + by
    if (other < 0 || other >= draft.items.length) return
    const [item] = draft.items.splice(index, 1)
    draft.items.splice(other, 0, item!)
  }

  function publish() {
    return submitForm(saving, fieldErrors, async () => {
      const { data } = await inspections.publish({
        title: draft.title,
        deadline: draft.deadline,
        items: draft.items.map((item) => ({ content: item.content, photo_required: item.photo_required })),
        target_mode: draft.target_mode,
        ...(draft.target_mode === 'region' && draft.region_id ? { region_id: draft.region_id } : {}),
        ...(draft.target_mode === 'estate_type' ? { estate_types: draft.estate_types } : {}),
        ...(draft.target_mode === 'estates' ? { estate_ids: draft.estate_ids } : {}),
      })
      publishing.value = false
      ElMessage.success(`已发布，共 ${data.targets} 个物业项目`)
      await router.push({ name: 'inspection-task', params: { id: String(data.id) } })
    })
  }

  return {
    ...list, canPublish, publishing, saving, draft, fieldErrors, openPublish, addItem, removeItem, moveItem, publish,
    modes: INSPECTION_TARGET_MODES,
  }
}
