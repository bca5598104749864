import { computed, ref } from 'vue'
import { useRoute } from 'vue-router'
import {
  emptyCertificateForm, emptyPractitionerForm, practitionerFormOf, savePractitioner,
  type EstateStaffState, type StaffMember,
} from '@szpm/api'
import { api, ApiError } from '@/api/client'
import { failureText, useEditPopup } from '@/composables/useEditPopup'

/**
 * 本项目从业人员 on the H5 (the estate's 项目经理, mostly in WeChat): the practitioners with their
 * certificates (ID numbers and phones masked), the information state, add / edit / delete in a popup
 * (an edit or delete carries the version it was read at: a 409 reloads the list) and 确认信息无误.
 */
export function useEstateStaff() {
  const route = useRoute()
  const estateId = computed(() => Number(route.params.id))
  const rows = ref<StaffMember[]>([])
  const state = ref<EstateStaffState | null>(null)
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<string | null>(null)

  async function load() {
    loading.value = true
    error.value = null
    try {
      const response = await api.staff.estateStaff(estateId.value)
      rows.value = response.data
      state.value = response.meta.estate
      loaded.value = true
    } catch (caught) {
      error.value = caught instanceof ApiError && caught.status === 404 ? '未找到该物业项目（只有该项目的项目经理可以维护）' : failureText(caught)
      loaded.value = false
    } finally {
      loading.value = false
    }
  }

  const popup = useEditPopup({
    empty: emptyPractitionerForm,
    formOf: practitionerFormOf,
    submit: (form, editing: StaffMember | null) => savePractitioner(api.staff, estateId.value, form, editing),
    reload: load,
  })

  async function confirmInformation() {
    try {
      state.value = (await api.staff.confirm(estateId.value)).data
      showSuccessToast('已确认信息无误')
    } catch (caught) {
      showFailToast(failureText(caught))
    }
  }

  return {
    estateId, rows, state, loading, loaded, error, load, confirmInformation,
    formOpen: popup.open, editing: popup.editing, form: popup.form, errors: popup.errors, saving: popup.saving,
    openCreate: popup.openCreate, openEdit: popup.openEdit, save: popup.save,
    remove: (row: StaffMember) => popup.removeAfterConfirm('删除从业人员', `确定删除“${row.name}”及其证书吗？`, () => api.staff.remove(row.id, row.version)),
    addCertificate: () => popup.form.certificates.push(emptyCertificateForm()),
    removeCertificate: (index: number) => popup.form.certificates.splice(index, 1),
  }
}
