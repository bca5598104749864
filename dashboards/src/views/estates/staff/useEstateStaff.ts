import { computed, ref, shallowRef } from 'vue'
import { useRoute } from 'vue-router'
import { ElMessage } from 'element-plus'
import { STAFF_POSTS, type StaffPost } from '@szpm/core'
import {
  emptyCertificateForm, emptyPractitionerForm, practitionerFormOf, savePractitioner,
  type EstateStaffState, type StaffMember,
} from '@szpm/api'
import { api } from '@/api/client'
import { useEditDialog } from '@/composables/useEditDialog'
import { useLatestRequest } from '@/composables/useLatestRequest'
import { confirmed, failureMessage } from '@/utils/feedback'

export const POST_OPTIONS = Object.entries(STAFF_POSTS).map(([value, label]) => ({ value: value as StaffPost, label }))

/** the state tag's colour */
export const STATE_TAG_TYPES: Record<EstateStaffState['state'], 'danger' | 'warning' | 'success'> = { missing: 'danger', stale: 'warning', current: 'success' }

/**
 * 本项目从业人员 (the estate's 项目经理): the practitioners of the estate with their certificates (ID
 * numbers and phones masked), the information state, add / edit / delete (an edit or delete carries the
 * version it was read at: someone else's change since is a 409, the list reloads) and 确认信息无误.
 * An edit leaves ID number and phone unchanged unless retyped (the list only shows them masked).
 */
export function useEstateStaff() {
  const route = useRoute()
  const estateId = computed(() => Number(route.params.id))
  const rows = shallowRef<StaffMember[]>([])
  const state = ref<EstateStaffState | null>(null)
  const { loading, errorMessage, notFound, run } = useLatestRequest({ notFound: true })

  function load() {
    return run(
      () => api.staff.estateStaff(estateId.value),
      (response) => {
        rows.value = response.data
        state.value = response.meta.estate
      },
      () => {
        rows.value = []
        state.value = null
      }
    )
  }

  const exportUrl = computed(() => api.staff.estateStaffExportUrl(estateId.value))

  const dialog = useEditDialog({
    empty: emptyPractitionerForm,
    formOf: practitionerFormOf,
    submit: (form, editing: StaffMember | null) => savePractitioner(api.staff, estateId.value, form, editing),
    reload: load,
  })

  async function remove(row: StaffMember) {
    if (!(await confirmed(`确定删除从业人员“${row.name}”及其证书吗？`, '删除从业人员'))) return
    try {
      await api.staff.remove(row.id, row.version)
      ElMessage.success('已删除')
    } catch (error) {
      ElMessage.error(failureMessage(error))
    }
    await load()
  }

  const confirming = ref(false)
  async function confirmInformation() {
    confirming.value = true
    try {
      state.value = (await api.staff.confirm(estateId.value)).data
      ElMessage.success('已确认信息无误')
    } catch (error) {
      ElMessage.error(failureMessage(error))
    } finally {
      confirming.value = false
    }
  }

  return {
    estateId, rows, state, loading, errorMessage, notFound, load, exportUrl, remove, confirming, confirmInformation,
    dialogOpen: dialog.open, editing: dialog.editing, form: dialog.form, fieldErrors: dialog.fieldErrors, saving: dialog.saving,
    openCreate: dialog.openCreate, openEdit: dialog.openEdit, save: dialog.save,
    addCertificate: () => dialog.form.certificates.push(emptyCertificateForm()),
    removeCertificate: (index: number) => dialog.form.certificates.splice(index, 1),
  }
}
