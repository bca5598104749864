import { reactive } from 'vue'
import type { TenderInput } from '@szpm/api'
import { ApiError } from '@szpm/api'
import type { TendererKind, TenderMethod } from '@szpm/core'
import { tenders } from '@/api/tenders'

export interface UploadedFile {
  token: string
  fileName: string
  sizeBytes: number
}

/**
 * The filing form shared by 提交备案 (list page) and 修改后重新提交 (detail page), as one reactive
 * object; each file is uploaded when chosen (checked by type and content on the server) and its token
 * goes with the form.
 */
export function useTenderForm() {
  const form = reactive({
    draft: {
      estate_id: undefined as number | undefined,
      tenderer_kind: 'committee' as TendererKind,
      tenderer_name: '',
      title: '',
      tender_method: 'public' as TenderMethod,
      resolution: '',
      service_scope: '',
      contact_name: '',
      contact_phone: '',
    },
    files: [] as UploadedFile[],
    uploading: false,
    fieldErrors: {} as Record<string, string>,

    async addFile(file: File) {
      form.uploading = true
      try {
        const { data } = await tenders.upload(file, file.name)
        form.files.push(data)
        delete form.fieldErrors.attachments
      } catch (error) {
        const message = error instanceof ApiError ? (error.fields.file ?? error.message) : '上传失败，请重试'
        form.fieldErrors = { ...form.fieldErrors, attachments: message }
      } finally {
        form.uploading = false
      }
      return false
    },

    removeFile(index: number) {
      form.files.splice(index, 1)
    },

    reset(values: Partial<typeof form.draft> = {}) {
      Object.assign(form.draft, {
        estate_id: undefined, tenderer_kind: 'committee', tenderer_name: '', title: '', tender_method: 'public', resolution: '',
        service_scope: '', contact_name: '', contact_phone: '', ...values,
      })
      form.files = []
      form.fieldErrors = {}
    },

    body(): Omit<TenderInput, 'estate_id' | 'tenderer_kind'> {
      const draft = form.draft
      return {
        tenderer_name: draft.tenderer_name, title: draft.title, tender_method: draft.tender_method, resolution: draft.resolution,
        service_scope: draft.service_scope, contact_name: draft.contact_name, contact_phone: draft.contact_phone,
        attachments: form.files.map((file) => file.token),
      }
    },
  })
  return form
}

export type TenderForm = ReturnType<typeof useTenderForm>
