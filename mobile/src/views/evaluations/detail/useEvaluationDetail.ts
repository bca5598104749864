import { computed, reactive, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { EvaluationDetail, EvaluationTemplateItem, WorkflowHistoryEntry } from '@szpm/api'
import { ApiError } from '@/api/client'
import { fetchEvaluation, reviewEvaluation, submitEvaluation } from '@/api/evaluations'
import { queryId } from '@/utils/query'
import { formatDateTime, formatScore } from '@szpm/core'
import { statusTag as stateTag } from '@/utils/format'
import { halfName, periodWindow, weightedTotal } from '../format'
import { useLatestRequest } from '@/composables/useLatestRequest'

/** 查看 (read-only) · 评分 (community staff, 待评价) · 审核 (street handler, 待审核) */
export type DetailMode = 'view' | 'score' | 'review'

export const TODOS_PATH = '/todos'

/** a van-stepper's value: a number, or the formatted string it emits with decimal-length */
type StepperValue = number | string

/**
 * One evaluation: its header, the template's items with the community's (and the reviewer's)
 * scores, the live weighted total while scoring, the submit / review form and 审核信息.
 * The mode follows what the server says the user may do now (`can`); ?view=1 (an 已办) forces 查看.
 */
export function useEvaluationDetail() {
  const route = useRoute()
  const router = useRouter()

  const detail = ref<EvaluationDetail | null>(null)
  const { loading, error, cancel, run } = useLatestRequest({ quiet: [404] })
  const submitting = ref(false)

  /** item key → the score being entered */
  const scores = reactive<Record<string, StepperValue>>({})
  const remark = ref('')
  const opinion = ref('')
  const opinionError = ref('')

  const evaluationId = computed(() => queryId(route.params.id as string | undefined))
  const forcedView = computed(() => route.query.view === '1')

  const mode = computed<DetailMode>(() => {
    const d = detail.value
    if (!d || forcedView.value) return 'view'
    if (d.can.review) return 'review'
    if (d.can.submit) return 'score'
    return 'view'
  })
  const editing = computed(() => mode.value !== 'view')

  const title = computed(() => ({ view: '评价详情', score: '社区评分', review: '评价审核' })[mode.value])

  const items = computed<EvaluationTemplateItem[]>(() => detail.value?.template.items ?? [])

  /** the scores being entered, else the ones that count (reviewed, else submitted) */
  const total = computed<number | null>(() => {
    const d = detail.value
    if (!d) return null
    if (editing.value) return weightedTotal(items.value, scores)
    const shown = d.reviewedScores ?? d.submittedScores
    return shown ? weightedTotal(items.value, shown) : null
  })

  /** the notice when the user can do nothing here */
  const notice = computed(() => {
    const d = detail.value
    if (!d || editing.value) return null
    return d.reason
  })

  function prefill(d: EvaluationDetail, reloaded: boolean): void {
    for (const key of Object.keys(scores)) delete scores[key]
    const from = d.can.review ? (d.reviewedScores ?? d.submittedScores) : d.submittedScores
    for (const item of d.template.items) {
      // a first scoring starts unscored (as on PC: no default can slip through); every later step
      // starts from the latest scores
      scores[item.key] = from?.[item.key] ?? ''
    }
    // a reload of the same evaluation (刷新 after a conflict) keeps what the user typed
    remark.value = d.submitRemark ?? (reloaded ? remark.value : '')
    opinion.value = d.reviewOpinion ?? (reloaded ? opinion.value : '')
    opinionError.value = ''
  }


  async function load(): Promise<void> {
    const id = evaluationId.value
    if (id === undefined) {
      cancel()
      error.value = '评价不存在'
      return
    }
    await run(
      () => fetchEvaluation(id),
      (d) => {
        const reloaded = detail.value?.id === d.id
        detail.value = d
        prefill(d, reloaded)
      }
    )
  }

  watch(evaluationId, () => void load(), { immediate: true })

  function numericScores(): Record<string, number> {
    const out: Record<string, number> = {}
    for (const item of items.value) out[item.key] = Number(scores[item.key])
    return out
  }

  /** back to 待办 (in history when we came from there) */
  function leave(): void {
    const back = window.history.state?.back
    if (typeof back === 'string' && back.startsWith(TODOS_PATH)) router.back()
    else void router.replace(TODOS_PATH)
  }

  function onOpinionInput(): void {
    if (opinion.value.trim()) opinionError.value = ''
  }

  async function submit(): Promise<void> {
    const d = detail.value
    if (!d || submitting.value || !editing.value) return
    const unscored = items.value.find((item) => scores[item.key] === '' || scores[item.key] === undefined)
    if (unscored) {
      showFailToast(`请为「${unscored.name}」评分`)
      return
    }
    if (mode.value === 'review' && !opinion.value.trim()) {
      opinionError.value = '请填写审核意见'
      return
    }
    submitting.value = true
    try {
      if (mode.value === 'review') {
        await reviewEvaluation(d.id, { version: d.version, scores: numericScores(), opinion: opinion.value.trim() })
        showSuccessToast('审核完成')
      } else {
        const note = remark.value.trim()
        await submitEvaluation(d.id, { version: d.version, scores: numericScores(), ...(note ? { remark: note } : {}) })
        showSuccessToast('已提交审核')
      }
      leave()
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 409) {
        // someone else acted first: show why and offer the current state
        showConfirmDialog({ title: '提交失败', message: caught.message, confirmButtonText: '刷新', cancelButtonText: '取消' })
          .then(() => load())
          .catch(() => undefined)
      } else if (caught instanceof ApiError && caught.fields.opinion) {
        opinionError.value = caught.fields.opinion
      } else if (!(caught instanceof ApiError && caught.status === 401)) {
        showFailToast(caught instanceof ApiError ? caught.message : '网络异常，请稍后重试')
      }
    } finally {
      submitting.value = false
    }
  }

  /** 审核信息: the steps after the evaluation was opened, oldest first, the latest highlighted */
  const history = computed<WorkflowHistoryEntry[]>(() =>
    // every step, as on PC: 开始评价 (the system), 提交审核, 审核, 自动计分
    [...(detail.value?.history ?? [])].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id))
  )

  function actorName(entry: WorkflowHistoryEntry): string {
    if (!entry.actor) return '系统'
    return entry.actor.roleName ? `${entry.actor.name}（${entry.actor.roleName}）` : entry.actor.name
  }

  const otherHalfText = computed(() => {
    const other = detail.value?.otherHalf
    if (!other) return '—'
    const score = other.effectiveScore === null ? '' : ` · ${formatScore(other.effectiveScore)} 分`
    return `${other.stateName}${score}`
  })
  const otherHalfLabel = computed(() => {
    const other = detail.value?.otherHalf
    const half = other?.half ?? (detail.value?.half === 1 ? 2 : 1)
    return `${halfName(half)}得分`
  })

  return {
    detail,
    loading,
    error,
    submitting,
    scores,
    remark,
    opinion,
    opinionError,
    mode,
    editing,
    title,
    items,
    total,
    notice,
    history,
    otherHalfText,
    otherHalfLabel,
    load,
    submit,
    onOpinionInput,
    actorName,
    formatScore,
    formatDateTime,
    periodWindow,
    stateTag,
  }
}
