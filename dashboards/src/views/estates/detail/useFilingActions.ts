import { computed, nextTick, reactive, ref, watch, type Ref } from 'vue'
import type { FormInstance, FormRules } from 'element-plus'
import { ApiError, type FilingKind, type FilingRecord } from '@szpm/api'
import { FILING_KIND_NAMES } from '@szpm/core'
import { api } from '@/api/client'
import { session } from '@/stores/session'
import { NETWORK_ERROR } from '@/utils/feedback'

/** the feature that allows registering and changing filings (street_head, street_handler) */
export const MANAGE_FEATURE = 'filings.manage'

export const FILING_KIND_OPTIONS = (Object.entries(FILING_KIND_NAMES) as [FilingKind, string][]).map(([value, label]) => ({ value, label }))

/** fields of the create form the server may report errors on */
type CreateField = 'estate_id' | 'kind' | 'document_no' | 'filed_on' | 'expires_on'
const CREATE_FIELDS: CreateField[] = ['estate_id', 'kind', 'document_no', 'filed_on', 'expires_on']
/** estate_id has no input of its own: its error is shown as a message */
const FORM_FIELDS: CreateField[] = ['kind', 'document_no', 'filed_on', 'expires_on']

const REMARK_MAX = 500

interface CreateForm {
  kind: FilingKind
  document_no: string
  filed_on: string
  expires_on: string
}

function emptyForm(): CreateForm {
  return { kind: 'contract', document_no: '', filed_on: '', expires_on: '' }
}

/** a status change of one record, as offered in its row */
interface RowAction {
  title: string
  prompt: string
  placeholder: string
  success: string
  required: boolean
  send: (row: FilingRecord, remark: string) => Promise<unknown>
}

const ACTIONS = {
  expire: {
    title: '标记过期',
    prompt: '确认将该备案标记为已过期？可填写备注（选填）',
    placeholder: '备注（选填）',
    success: '已标记过期',
    required: false,
    send: (row, remark) => api.filings.update(row.id, { status: 'expired', version: row.version, remark: remark || undefined }),
  },
  renew: {
    title: '恢复有效',
    prompt: '确认将该备案恢复为已备案？可填写备注（选填）',
    placeholder: '备注（选填）',
    success: '已恢复有效',
    required: false,
    send: (row, remark) => api.filings.update(row.id, { status: 'filed', version: row.version, remark: remark || undefined }),
  },
  withdraw: {
    title: '撤销备案',
    prompt: '撤销后该备案不再有效，请填写撤销原因',
    placeholder: '撤销原因（必填）',
    success: '已撤销备案',
    required: true,
    send: (row, remark) => api.filings.withdraw(row.id, { version: row.version, remark }),
  },
} satisfies Record<string, RowAction>

export type RowActionName = keyof typeof ACTIONS

/** ElMessageBox.prompt rejects with 'cancel' / 'close' when the user backs out */
function isDismissed(error: unknown): boolean {
  return error === 'cancel' || error === 'close'
}

/**
 * 登记备案 and the per-record status changes of the estate page.
 * `reload` refreshes the estate and its records after any write (and after a 409).
 */
export function useFilingActions(estateId: Ref<number | undefined>, reload: () => Promise<void> | void) {
  const canManage = computed(() => session.user?.features.includes(MANAGE_FEATURE) ?? false)

  // ---- 登记备案 dialog -------------------------------------------------------------------
  const dialogVisible = ref(false)
  const formRef = ref<FormInstance>()
  const form = reactive<CreateForm>(emptyForm())
  const fieldErrors = ref<Partial<Record<CreateField, string>>>({})
  const submitting = ref(false)
  const showExpiresOn = computed(() => form.kind === 'contract')

  const rules: FormRules = {
    kind: [{ required: true, message: '请选择备案类型', trigger: 'change' }],
    document_no: [
      { required: true, whitespace: true, message: '请输入备案编号', trigger: 'blur' },
      { max: 64, message: '备案编号不能超过 64 个字符', trigger: 'blur' },
    ],
    filed_on: [{ required: true, message: '请选择备案日期', trigger: 'change' }],
  }

  // only contracts expire; an assembly filing carries no expiry date
  watch(
    () => form.kind,
    (kind) => {
      if (kind !== 'contract') form.expires_on = ''
    }
  )
  // a server message goes away once its field is edited
  for (const field of FORM_FIELDS) {
    watch(
      () => form[field as keyof CreateForm],
      () => {
        if (fieldErrors.value[field]) fieldErrors.value = { ...fieldErrors.value, [field]: undefined }
      }
    )
  }

  async function openCreate() {
    if (!canManage.value) return
    Object.assign(form, emptyForm())
    fieldErrors.value = {}
    dialogVisible.value = true
    await nextTick()
    formRef.value?.clearValidate()
  }

  function closeCreate() {
    dialogVisible.value = false
  }

  async function submitCreate() {
    const id = estateId.value
    if (submitting.value || !id) return
    const valid = await formRef.value?.validate().catch(() => false)
    if (valid === false) return
    submitting.value = true
    fieldErrors.value = {}
    try {
      await api.filings.create({
        estate_id: id,
        kind: form.kind,
        document_no: form.document_no.trim(),
        filed_on: form.filed_on,
        expires_on: showExpiresOn.value && form.expires_on ? form.expires_on : null,
      })
      ElMessage.success('登记成功')
      dialogVisible.value = false
      await reload()
    } catch (error) {
      if (!(error instanceof ApiError)) {
        ElMessage.error(NETWORK_ERROR)
        return
      }
      const errors: Partial<Record<CreateField, string>> = {}
      for (const field of CREATE_FIELDS) if (error.fields[field]) errors[field] = error.fields[field]
      // an expiry error on a kind without the field would be invisible: show it as a message
      if (errors.expires_on && !showExpiresOn.value) delete errors.expires_on
      fieldErrors.value = errors
      const shownInForm = FORM_FIELDS.some((field) => errors[field])
      if (errors.estate_id) ElMessage.error(errors.estate_id)
      else if (!shownInForm) ElMessage.error(error.message)
    } finally {
      submitting.value = false
    }
  }

  // ---- per-record actions -----------------------------------------------------------------
  const busyId = ref<number | null>(null)

  // only contracts expire: an 业主大会备案 is filed until withdrawn (the API refuses it too)
  const canExpire = (row: FilingRecord) => canManage.value && row.kind === 'contract' && row.status === 'filed'
  const canRenew = (row: FilingRecord) => canManage.value && row.status === 'expired'
  const canWithdraw = (row: FilingRecord) => canManage.value && (row.status === 'filed' || row.status === 'expired')

  async function runAction(name: RowActionName, row: FilingRecord) {
    if (!canManage.value || busyId.value !== null) return
    const action: RowAction = ACTIONS[name]
    let remark: string
    try {
      const result = await ElMessageBox.prompt(action.prompt, `${action.title} · ${row.documentNo}`, {
        confirmButtonText: '确定',
        cancelButtonText: '取消',
        inputPlaceholder: action.placeholder,
        inputType: 'textarea',
        inputValue: '',
        inputValidator: (value: string) => {
          const text = (value ?? '').trim()
          if (action.required && !text) return '请填写撤销原因'
          if (text.length > REMARK_MAX) return `备注不能超过 ${REMARK_MAX} 个字符`
          return true
        },
        customClass: `filing-remark-box filing-remark-${name}`,
        closeOnClickModal: false,
      })
      remark = (result.value ?? '').trim()
    } catch (error) {
      if (isDismissed(error)) return
      throw error
    }

    busyId.value = row.id
    try {
      await action.send(row, remark)
      ElMessage.success(action.success)
      await reload()
    } catch (error) {
      if (error instanceof ApiError) {
        ElMessage.error(error.message)
        // someone else changed or removed the record: show the current state
        if (error.status === 409 || error.status === 404) await reload()
      } else {
        ElMessage.error(NETWORK_ERROR)
      }
    } finally {
      busyId.value = null
    }
  }

  return {
    canManage,
    kindOptions: FILING_KIND_OPTIONS,
    dialogVisible,
    formRef,
    form,
    rules,
    fieldErrors,
    submitting,
    showExpiresOn,
    openCreate,
    closeCreate,
    submitCreate,
    busyId,
    canExpire,
    canRenew,
    canWithdraw,
    expire: (row: FilingRecord) => runAction('expire', row),
    renew: (row: FilingRecord) => runAction('renew', row),
    withdraw: (row: FilingRecord) => runAction('withdraw', row),
  }
}
