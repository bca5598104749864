import { ref, shallowRef, watch, type Ref } from 'vue'
import type { TenderProgressDetail } from '@szpm/api'
import type { TenderClarificationKind } from '@szpm/core'
import { tenders } from '@/api/tenders'
import { useAttachmentUploads } from '@/composables/useAttachmentUploads'
import { submitForm } from '@/utils/feedback'
import { formatDateTime } from '@/utils/format'

/** the textarea's plain text as paragraphs of rich text (the server sanitises it again) */
export function paragraphs(text: string): string {
  const escape = (line: string) => line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  return text.split(/\n+/).map((line) => line.trim()).filter(Boolean).map((line) => `<p>${escape(line)}</p>`).join('')
}

/**
 * A filing's 招标投标进度 (the stages the bidding platform reported) and its 澄清与补遗 on the detail page;
 * the tenderer publishes one (with files) while the filing is approved and 定标 is not reported yet.
 */
export function useTenderProgressCard(tenderId: Ref<number | undefined>) {
  const progress = shallowRef<TenderProgressDetail | null>(null)
  const publishing = ref(false)
  const saving = ref(false)
  const fieldErrors = ref<Record<string, string>>({})
  const draft = ref({ kind: 'clarification' as TenderClarificationKind, title: '', text: '' })
  const uploads = useAttachmentUploads((file, name) => tenders.upload(file, name))

  async function load() {
    if (!tenderId.value) return
    progress.value = (await tenders.progress(tenderId.value)).data
  }
  watch(tenderId, () => void load().catch(() => (progress.value = null)), { immediate: true })

  function open() {
    draft.value = { kind: 'clarification', title: '', text: '' }
    fieldErrors.value = {}
    uploads.clear()
    publishing.value = true
  }

  function publish() {
    const id = tenderId.value
    if (!id) return
    return submitForm(saving, fieldErrors, async () => {
      const { data } = await tenders.clarify(id, {
        kind: draft.value.kind, title: draft.value.title, content: paragraphs(draft.value.text), attachments: uploads.attachmentTokens(),
      })
      progress.value = data
      publishing.value = false
      ElMessage.success('已发布')
    })
  }

  return {
    progress, publishing, saving, fieldErrors, draft, uploads, open, publish, load, formatDateTime,
    fileUrl: (attachmentId: number) => (tenderId.value ? tenders.clarificationFileUrl(tenderId.value, attachmentId) : ''),
  }
}
