import { ApiError } from '@/api/client'
import { notices } from '@/api/notices'

/** 催办 of one notice: confirm, then the server's answer (how many were urged, or why not). */
export async function urgeNotice(notice: { id: number; title: string; unreadCount: number }): Promise<boolean> {
  try {
    await showConfirmDialog({
      title: '催办',
      message: `将向「${notice.title}」的 ${notice.unreadCount} 位未读接收人发送催办提醒，每位接收人每天最多催办一次。`,
    })
  } catch {
    return false
  }
  try {
    const { data } = await notices.urge(notice.id)
    showSuccessToast(`已催办 ${data.recipientCount} 人`)
    return true
  } catch (caught) {
    showDialog({ title: '未发送', message: caught instanceof ApiError ? caught.message : '网络异常，请稍后重试' })
    return false
  }
}
