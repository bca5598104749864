/** How pages confirm an action and report its outcome (Element Plus messages, Chinese text). */
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
