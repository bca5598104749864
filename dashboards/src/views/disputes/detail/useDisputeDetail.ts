import { computed, reactive, ref, shallowRef, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { ApiError, type DisputeDetail, type DisputeStep, type WorkflowHistoryEntry } from '@szpm/api'
import { disputes } from '@/api/disputes'
import { useLatestRequest } from '@/composables/useLatestRequest'
import { session } from '@/stores/session'
import { submitForm } from '@/utils/feedback'
import { formatDateTime, queryNumber } from '@/utils/format'
import { useAttachmentUploads } from '@/composables/useAttachmentUploads'

/** each step's dialog: its title, its fields (* = required by the process) and whether it takes attachments */
export const STEP_FORMS: Record<DisputeStep, { title: string; fields: { key: StepField; label: string; kind: 'date' | 'text'; required: boolean }[]; attachments: boolean; confirm: string }> = {
  transfer: { title: '转办', fields: [{ key: 'remark', label: '转办说明', kind: 'text', required: false }], attachments: false, confirm: '转办至街道' },
  handle: {
    title: '处理',
    fields: [
      { key: 'handled_on', label: '处理日期', kind: 'date', required: true },
      { key: 'measures', label: '处理措施', kind: 'text', required: true },
      { key: 'progress', label: '处理情况', kind: 'text', required: true },
    ],
    attachments: true,
    confirm: '提交处理',
  },
  applyClose: { title: '申请办结', fields: [{ key: 'result', label: '办结情况', kind: 'text', required: true }], attachments: true, confirm: '申请办结' },
  confirmClose: { title: '确认办结', fields: [{ key: 'remark', label: '意见', kind: 'text', required: false }], attachments: false, confirm: '确认办结' },
  return: { title: '退回', fields: [{ key: 'opinion', label: '退回意见', kind: 'text', required: true }], attachments: false, confirm: '退回街道' },
}
export type StepField = 'remark' | 'handled_on' | 'measures' | 'progress' | 'result' | 'opinion'

/** the step's own fields in a history entry, labelled (处理措施: …) */
const DATA_LABELS: Record<string, string> = { handled_on: '处理日期', measures: '处理措施', progress: '处理情况', result: '办结情况', opinion: '退回意见' }

/** 详情: the dispute, its attachments and timeline, and the steps the user may take now */
export function useDisputeDetail() {
  const route = useRoute()
  const router = useRouter()
  const id = computed(() => queryNumber(route.params.id))
  const detail = shallowRef<DisputeDetail | null>(null)
  const { loading, errorMessage, notFound, run } = useLatestRequest({ notFound: true })

  async function load() {
    const current = id.value
    if (!current) return
    await run(
      () => disputes.show(current),
      (response) => {
        detail.value = response.data
      },
      () => {
        detail.value = null
      }
    )
  }
  watch(id, () => void load(), { immediate: true })

  const steps = computed(() => (Object.keys(STEP_FORMS) as DisputeStep[]).filter((step) => detail.value?.can[step]))

  // the step dialog
  const step = ref<DisputeStep | null>(null)
  const form = reactive<Record<StepField, string>>({ remark: '', handled_on: '', measures: '', progress: '', result: '', opinion: '' })
  const errors = ref<Record<string, string>>({})
  const saving = ref(false)
  const uploads = reactive(useAttachmentUploads((file, name) => disputes.upload(file, name)))

  function open(next: DisputeStep) {
    for (const key of Object.keys(form) as StepField[]) form[key] = ''
    errors.value = {}
    uploads.clear()
    step.value = next
  }

  async function submit() {
    const current = step.value
    const value = detail.value
    if (!current || !value) return
    const ok = await submitForm(saving, errors, async () => {
      try {
        const body = Object.fromEntries(STEP_FORMS[current].fields.map((field) => [field.key, form[field.key] || null]))
        const { data } = await disputes.step(current, value.id, { version: value.version, ...body, attachments: STEP_FORMS[current].attachments ? uploads.attachmentTokens() : undefined })
        detail.value = data
      } catch (error) {
        // someone acted first: show the dispute as it is now
        if (error instanceof ApiError && error.status === 409) await load()
        throw error
      }
    })
    if (!ok) return
    ElMessage.success(`${STEP_FORMS[current].title}成功`)
    step.value = null
  }

  function goBack() {
    if (window.history.state?.back) router.back()
    else void router.push(session.can('todos.view') ? { name: 'todos' } : { name: 'dispute-open' })
  }

  function actorText(entry: WorkflowHistoryEntry): string {
    if (!entry.actor) return '系统'
    return entry.actor.roleName ? `${entry.actor.name}（${entry.actor.roleName}）` : entry.actor.name
  }

  /** what a step recorded, one line per field */
  function entryLines(entry: WorkflowHistoryEntry): string[] {
    return Object.entries(DATA_LABELS).flatMap(([key, label]) => (typeof entry.data[key] === 'string' && entry.data[key] ? [`${label}：${entry.data[key]}`] : []))
  }

  function entryAttachments(entry: WorkflowHistoryEntry) {
    const files = entry.data.attachments
    return Array.isArray(files) ? (files as { id: number; fileName: string }[]) : []
  }

  const attachmentUrl = (attachmentId: number) => (detail.value ? disputes.attachmentUrl(detail.value.id, attachmentId) : '#')

  return {
    detail, loading, errorMessage, notFound, load, steps, step, form, errors, saving, uploads, open, submit, goBack,
    actorText, entryLines, entryAttachments, attachmentUrl, formatDateTime,
  }
}
