import { computed, ref, shallowRef, toRef, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { ApiError, type TenderDetail, type WorkflowHistoryEntry } from '@szpm/api'
import type { TenderFinalDecision, TenderFirstOpinion } from '@szpm/core'
import { tenders } from '@/api/tenders'
import { useLatestRequest } from '@/composables/useLatestRequest'
import { session } from '@/stores/session'
import { submitForm } from '@/utils/feedback'
import { formatDateTime, queryNumber } from '@/utils/format'
import { useTenderForm } from '../useTenderForm'

/**
 * One 招标文件备案: its fields, files, rounds with 办理时长, the history, and what the user may do now —
 * 初审 (拟同意 / 拟不同意), 终审 (同意 / 不同意 / 返回上一级), or 修改后重新提交 after 不同意. A 409 (someone acted
 * first) shows the server's message with 刷新.
 */
export function useTenderDetail() {
  const route = useRoute()
  const router = useRouter()
  const tenderId = computed(() => queryNumber(route.params.id))
  const detail = shallowRef<TenderDetail | null>(null)
  const { loading, errorMessage, notFound, run } = useLatestRequest({ notFound: true })
  const firstOpinion = ref<TenderFirstOpinion>('agree')
  const finalDecision = ref<TenderFinalDecision>('approve')
  const remark = ref('')
  const fieldErrors = ref<Record<string, string>>({})
  const submitting = ref(false)
  const conflictMessage = ref('')
  const filing = useTenderForm()
  const resubmitting = ref(false)
  /** the 打印备案回执 preview dialog */
  const printing = ref(false)

  async function load() {
    const id = tenderId.value
    if (!id) return
    await run(
      () => tenders.show(id),
      (response) => {
        detail.value = response.data
        conflictMessage.value = ''
        remark.value = ''
        fieldErrors.value = {}
      },
      () => {
        detail.value = null
      }
    )
  }
  watch(tenderId, load, { immediate: true })

  /** fires 初审 or 终审 with the version the page shows */
  async function review(kind: 'first' | 'final') {
    const value = detail.value
    if (!value) return
    const ok = await submitForm(submitting, fieldErrors, async () => {
      try {
        const { data } = kind === 'first'
          ? await tenders.firstReview(value.id, { opinion: firstOpinion.value, remark: remark.value || undefined, version: value.version })
          : await tenders.finalReview(value.id, { decision: finalDecision.value, remark: remark.value || undefined, version: value.version })
        detail.value = data
        remark.value = ''
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) conflictMessage.value = error.message
        throw error
      }
    })
    if (ok) ElMessage.success('已提交')
  }

  function openResubmit() {
    const value = detail.value
    if (!value) return
    filing.reset({
      tenderer_name: value.tendererName, title: value.title, tender_method: value.tenderMethod, resolution: value.resolution,
      service_scope: value.serviceScope, contact_name: value.contactName, contact_phone: '',
    })
    resubmitting.value = true
  }

  function resubmit() {
    const value = detail.value
    if (!value) return
    return submitForm(submitting, toRef(filing, 'fieldErrors'), async () => {
      const { data } = await tenders.resubmit(value.id, { ...filing.body(), version: value.version })
      detail.value = data
      resubmitting.value = false
      ElMessage.success(`已重新提交（第${data.round}轮）`)
    })
  }

  function goBack() {
    if (window.history.state?.back) router.back()
    else void router.push(session.can('todos.view') ? { name: 'todos' } : { name: 'tenders' })
  }

  function actorText(entry: WorkflowHistoryEntry): string {
    if (!entry.actor) return '系统'
    return entry.actor.roleName ? `${entry.actor.name}（${entry.actor.roleName}）` : entry.actor.name
  }

  /** remark is required for 拟不同意, 不同意 and 返回上一级 */
  const remarkRequired = computed(() =>
    detail.value?.can.firstReview ? firstOpinion.value === 'disagree' : finalDecision.value !== 'approve'
  )

  return {
    tenderId, detail, loading, errorMessage, notFound, load, firstOpinion, finalDecision, remark, remarkRequired, fieldErrors, submitting,
    conflictMessage, review, filing, resubmitting, openResubmit, resubmit, goBack, actorText, formatDateTime,
    printing,
    receiptUrl: computed(() => (detail.value ? tenders.receiptUrl(detail.value.id) : '')),
    attachmentUrl: (attachmentId: number) => (detail.value ? tenders.attachmentUrl(detail.value.id, attachmentId) : ''),
  }
}
