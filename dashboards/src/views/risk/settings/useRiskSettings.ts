import { computed, reactive, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { ApiError, type RiskSettingsView } from '@szpm/api'
import { saveSettings, settings } from '@/api/risk'
import { failureMessage } from '@/utils/feedback'

/**
 * 风险预警设置 (city administrator): each declared signal's weight, threshold and whether it counts, and
 * the level bounds; saved as a whole (422 shows at its field), applied by the next daily run.
 */
export function useRiskSettings() {
  const loading = ref(false)
  const saving = ref(false)
  const errorMessage = ref('')
  const fieldErrors = ref<Record<string, string>>({})
  const form = reactive<RiskSettingsView>({ signals: [], levels: { red: 60, orange: 40, yellow: 20 } })

  function fill(view: RiskSettingsView) {
    form.signals = view.signals.map((signal) => ({ ...signal }))
    form.levels = { ...view.levels }
  }

  async function load() {
    loading.value = true
    errorMessage.value = ''
    try {
      fill((await settings()).data)
    } catch (error) {
      errorMessage.value = failureMessage(error)
    } finally {
      loading.value = false
    }
  }

  const totalWeight = computed(() => form.signals.filter((signal) => signal.enabled).reduce((sum, signal) => sum + Number(signal.weight || 0), 0))

  async function save() {
    saving.value = true
    fieldErrors.value = {}
    try {
      const response = await saveSettings({
        signals: form.signals.map(({ key, weight, threshold, enabled }) => ({ key, weight, threshold, enabled })),
        levels: { ...form.levels },
      })
      fill(response.data)
      ElMessage.success(response.meta.changed ? '已保存，下次每日评分时生效' : '设置未变化')
    } catch (error) {
      if (error instanceof ApiError) fieldErrors.value = error.fields
      ElMessage.error(failureMessage(error))
    } finally {
      saving.value = false
    }
  }

  return { loading, saving, errorMessage, fieldErrors, form, totalWeight, load, save }
}
