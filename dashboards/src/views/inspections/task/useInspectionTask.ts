import { computed, ref, shallowRef, watch } from 'vue'
import { useRoute } from 'vue-router'
import { INSPECTION_TARGET_STATES } from '@szpm/core'
import type { InspectionTargetRow, InspectionTaskDetail } from '@szpm/api'
import { inspections } from '@/api/inspections'
import { recordsExportUrl } from '@/api/statistics'
import { useLatestRequest } from '@/composables/useLatestRequest'
import { session } from '@/stores/session'
import { failureMessage } from '@/utils/feedback'

/**
 * 安全检查任务详情: the task (checklist, counts of the user's region), its target estates with their state
 * (filter, paging, 导出Excel through the 填报情况 export) and 催办 of the incomplete ones.
 */
export function useInspectionTask() {
  const route = useRoute()
  const id = computed(() => Number(route.params.id))
  const task = shallowRef<InspectionTaskDetail | null>(null)
  const rows = shallowRef<InspectionTargetRow[]>([])
  const total = ref(0)
  const page = ref(1)
  const state = ref('')
  const reminding = ref(false)
  const { loading, errorMessage, notFound, run } = useLatestRequest({ notFound: true })
  const targets = useLatestRequest()

  function load() {
    return run(() => inspections.task(id.value), (answer) => (task.value = answer.data), () => (task.value = null))
  }
  function loadTargets() {
    return targets.run(
      () => inspections.targets({ task_id: id.value, state: state.value || undefined, page: page.value, per_page: 20 }),
      (answer) => {
        rows.value = answer.data
        total.value = answer.meta.total
      },
      () => (rows.value = [])
    )
  }
  watch(id, () => {
    page.value = 1
    void load()
    void loadTargets()
  }, { immediate: true })
  watch([state, page], () => void loadTargets())

  const exportUrl = computed(() => recordsExportUrl('inspections', { task_id: id.value, ...(state.value ? { state: state.value } : {}) }))
  const canRemind = session.can('inspections.remind')

  async function remind() {
    reminding.value = true
    try {
      const { data } = await inspections.remind(id.value)
      ElMessage.success(data.message)
    } catch (error) {
      ElMessage.warning(failureMessage(error))
    } finally {
      reminding.value = false
    }
  }

  return {
    id, task, rows, total, page, state, loading, errorMessage, notFound, targetsLoading: targets.loading, targetsError: targets.errorMessage,
    exportUrl, canRemind, reminding, remind, load, loadTargets, states: INSPECTION_TARGET_STATES,
  }
}
