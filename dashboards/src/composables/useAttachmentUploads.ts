import { ref } from 'vue'
import type { UploadRequestOptions, UploadUserFile } from 'element-plus'
import { failureMessage } from '@/utils/feedback'

export const ATTACHMENT_ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png'
export const ATTACHMENT_LIMITS = { files: 5, fileMb: 10 } as const

/** uploads one file to a module's staging route and answers its token (e.g. notices.upload, disputes.upload) */
export type AttachmentUploader = (file: File, name: string) => Promise<{ data: { token: string } }>

/**
 * The attachments of one form (通知发布, the dispute steps …): each file is uploaded when chosen (checked
 * again by its content on the server) and its token goes with the form. `tooManyMessage` answers a pick
 * beyond ATTACHMENT_LIMITS.files.
 */
export function useAttachmentUploads(uploadFile: AttachmentUploader, tooManyMessage = `每次最多上传 ${ATTACHMENT_LIMITS.files} 个附件`) {
  const files = ref<UploadUserFile[]>([])
  const tokens = new Map<number, string>()
  const uploading = ref(0)

  function beforeUpload(file: File) {
    const extension = file.name.split('.').pop()?.toLowerCase() ?? ''
    if (!ATTACHMENT_ACCEPT.split(',').includes(`.${extension}`)) {
      ElMessage.warning('仅支持 PDF、Word、Excel、JPG、PNG 文件')
      return false
    }
    if (file.size > ATTACHMENT_LIMITS.fileMb * 1024 * 1024) {
      ElMessage.warning(`单个附件不能超过 ${ATTACHMENT_LIMITS.fileMb}MB`)
      return false
    }
    return true
  }

  async function upload(options: UploadRequestOptions) {
    uploading.value++
    try {
      const { data } = await uploadFile(options.file, options.file.name)
      tokens.set(options.file.uid, data.token)
      return data
    } catch (error) {
      ElMessage.error(failureMessage(error))
      throw error
    } finally {
      uploading.value--
    }
  }

  const tooMany = () => ElMessage.warning(tooManyMessage)
  const remove = (file: UploadUserFile) => {
    if (file.uid !== undefined) tokens.delete(file.uid)
  }
  const attachmentTokens = () => files.value.flatMap((file) => (file.uid !== undefined && tokens.has(file.uid) ? [tokens.get(file.uid)!] : []))
  const clear = () => {
    files.value = []
    tokens.clear()
  }

  return { files, uploading, beforeUpload, upload, tooMany, remove, attachmentTokens, clear }
}
