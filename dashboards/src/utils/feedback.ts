/** How pages confirm an action and report its outcome (Element Plus messages, Chinese text). */
import type { Ref } from 'vue'
import { ApiError } from '@szpm/api'

export const NETWORK_ERROR = '网络异常，请稍后重试'

/** the message to show for a failed request */
export function failureMessage(error: unknown) {
  return error instanceof ApiError ? error.message : NETWORK_ERROR
}

/** a warning dialog; true when the user confirmed */
export async function confirmed(message: string, title: string): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, { confirmButtonText: '确定', cancelButtonText: '取消', type: 'warning' })
    return true
  } catch {
    return false
  }
}

/** runs a row or page action: a success message, or the server's (or the network) error */
export async function runAction(action: () => Promise<unknown>, success: string): Promise<boolean> {
  try {
    await action()
    ElMessage.success(success)
    return true
  } catch (error) {
    ElMessage.error(failureMessage(error))
    return false
  }
}

/**
 * A dialog's submit: `saving` while it runs; a 422's field messages go to `errors` (each shown at its
 * el-form-item); any other failure is a message. True when the action succeeded.
 */
export async function submitForm(saving: Ref<boolean>, errors: Ref<Record<string, string>>, action: () => Promise<void>): Promise<boolean> {
  errors.value = {}
  saving.value = true
  try {
    await action()
    return true
  } catch (error) {
    if (error instanceof ApiError && error.status === 422 && Object.keys(error.fields).length) errors.value = { ...error.fields }
    else ElMessage.error(failureMessage(error))
    return false
  } finally {
    saving.value = false
  }
}
