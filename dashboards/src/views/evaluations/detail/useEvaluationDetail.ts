import { computed, reactive, ref, shallowRef, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { ApiError, type EvaluationDetail, type EvaluationTemplateItem, type WorkflowHistoryEntry } from '@szpm/api'
import { review, show, submit } from '@/api/evaluations'
import { session } from '@/stores/session'
import { todoBadge } from '@/stores/todoBadge'
import { formatDateTime, queryNumber } from '@/utils/format'
import { formatScore, stateTagType, weightedTotal, windowText } from '../constants'
import { NETWORK_ERROR } from '@/utils/feedback'
import { useLatestRequest } from '@/composables/useLatestRequest'

/** the server's limits: 备注 500, 审核意见 1000 characters */
export const REMARK_MAX = 500
export const OPINION_MAX = 1000

/** 评分 (community staff), 审核 (street office) or 查看: decided by the server's `can` */
export type DetailMode = 'submit' | 'review' | 'view'

export interface RescoredItem {
  key: string
  name: string
  from: number | null
  to: number
}

function scoreMap(value: unknown): Record<string, number> | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null
  const scores: Record<string, number> = {}
  for (const [key, score] of Object.entries(value as Record<string, unknown>)) {
    if (typeof score === 'number') scores[key] = score
    else if (typeof score === 'string' && score !== '' && Number.isFinite(Number(score))) scores[key] = Number(score)
  }
  return scores
}

/**
 * The items a review step changed: its `data.scores` against the scores submitted before it
 * (the newest earlier entry carrying scores, else the evaluation's submitted scores).
 */
export function rescoredItems(
  history: WorkflowHistoryEntry[],
  index: number,
  items: EvaluationTemplateItem[],
  submitted: Record<string, number> | null
): RescoredItem[] {
  const entry = history[index]
  if (!entry || entry.toState !== 'reviewed') return []
  const after = scoreMap(entry.data.scores)
  if (!after) return []
  // the server names the re-scored items (`rescored`); older entries are compared with the submission
  const named = Array.isArray(entry.data.rescored) ? new Set(entry.data.rescored.map(String)) : null
  let before = submitted
  // history is oldest first; look back for the submission this review answered
  for (let i = index - 1; i >= 0; i--) {
    const earlier = scoreMap(history[i]!.data.scores)
    if (earlier && history[i]!.toState === 'submitted') {
      before = earlier
      break
    }
  }
  return items
    .filter((item) => after[item.key] !== undefined && (named ? named.has(item.key) : after[item.key] !== before?.[item.key]))
    .map((item) => ({ key: item.key, name: item.name, from: before?.[item.key] ?? null, to: after[item.key]! }))
}

export function useEvaluationDetail() {
  const route = useRoute()
  const router = useRouter()
  const evaluationId = computed(() => queryNumber(route.params.id))

  const detail = shallowRef<EvaluationDetail | null>(null)
  const { loading, errorMessage, notFound, run } = useLatestRequest({ notFound: true })

  const scores = reactive<Record<string, number | undefined>>({})
  const remark = ref('')
  const opinion = ref('')
  const fieldErrors = ref<Record<string, string>>({})
  const submitting = ref(false)
  /** a 409 answer: someone changed the evaluation since the page loaded */
  const conflictMessage = ref('')

  const mode = computed<DetailMode>(() => {
    if (detail.value?.can.review) return 'review'
    if (detail.value?.can.submit) return 'submit'
    return 'view'
  })
  const items = computed(() => detail.value?.template.items ?? [])

  /** fills the editable column: community staff start from what they sent before, reviewers from the submitted scores */
  function resetForm(value: EvaluationDetail) {
    for (const key of Object.keys(scores)) delete scores[key]
    const start = value.can.review ? (value.reviewedScores ?? value.submittedScores) : value.submittedScores
    for (const item of value.template.items) scores[item.key] = start?.[item.key] ?? undefined
    remark.value = value.can.submit ? (value.submitRemark ?? '') : ''
    opinion.value = ''
    fieldErrors.value = {}
  }

  async function load() {
    const id = evaluationId.value
    if (!id) return
    await run(
      () => show(id),
      (response) => {
        detail.value = response.data
        conflictMessage.value = ''
        resetForm(response.data)
      },
      () => {
        detail.value = null
      }
    )
  }

  watch(evaluationId, load, { immediate: true })

  // ---- the numbers ------------------------------------------------------------------------
  const submittedTotal = computed(() => (detail.value ? weightedTotal(items.value, detail.value.submittedScores) : null))
  const reviewedTotal = computed(() => (detail.value ? weightedTotal(items.value, detail.value.reviewedScores) : null))
  /** the live weighted total of the editable column */
  const liveTotal = computed(() => weightedTotal(items.value, scores))

  const halfName = (half: number) => (half === 1 ? '上半年' : '下半年')
  const otherHalfText = computed(() => {
    const other = detail.value?.otherHalf
    if (!detail.value) return '—'
    if (!other) return `${detail.value.year}年${halfName(detail.value.half === 1 ? 2 : 1)}：暂无评价`
    const score = other.effectiveScore === null ? '得分未生效' : `${formatScore(other.effectiveScore)} 分`
    return `${detail.value.year}年${halfName(other.half)}：${other.stateName}，${score}`
  })
  const periodWindow = computed(() => (detail.value ? windowText(detail.value.period) : ''))

  // ---- submit / review -----------------------------------------------------------------------
  function validate(): boolean {
    const errors: Record<string, string> = {}
    for (const item of items.value) {
      const score = scores[item.key]
      if (score === undefined || score === null || Number.isNaN(score)) errors[`scores.${item.key}`] = '请填写评分'
      else if (score < 0 || score > item.maxScore) errors[`scores.${item.key}`] = `评分须在 0 至 ${item.maxScore} 之间`
    }
    if (mode.value === 'review' && !opinion.value.trim()) errors.opinion = '请填写审核意见'
    if (opinion.value.length > OPINION_MAX) errors.opinion = `审核意见不能超过 ${OPINION_MAX} 个字符`
    if (remark.value.length > REMARK_MAX) errors.remark = `备注不能超过 ${REMARK_MAX} 个字符`
    fieldErrors.value = errors
    return Object.keys(errors).length === 0
  }

  /** the server may name a field `scores.service`, `scores` or `opinion` */
  function showServerErrors(error: ApiError) {
    fieldErrors.value = { ...error.fields }
    const shown = Object.keys(error.fields).some((field) => field.startsWith('scores.') || field === 'opinion' || field === 'remark')
    if (!shown) ElMessage.error(error.message)
  }

  async function send() {
    const value = detail.value
    if (!value || submitting.value || mode.value === 'view') return
    if (!validate()) {
      ElMessage.warning(fieldErrors.value.opinion && Object.keys(fieldErrors.value).length === 1 ? fieldErrors.value.opinion : '请完整填写评分')
      return
    }
    const payload = Object.fromEntries(items.value.map((item) => [item.key, scores[item.key] as number]))
    submitting.value = true
    conflictMessage.value = ''
    try {
      if (mode.value === 'review') {
        await review(value.id, { version: value.version, scores: payload, opinion: opinion.value.trim() })
        ElMessage.success('审核已提交')
      } else {
        const text = remark.value.trim()
        await submit(value.id, { version: value.version, scores: payload, ...(text ? { remark: text } : {}) })
        ElMessage.success('评分已提交审核')
      }
      void todoBadge.refresh()
      // back to the inbox: the item has moved to 已办
      if (session.can('todos.view')) await router.push({ name: 'todos' })
      else await load()
    } catch (error) {
      if (!(error instanceof ApiError)) {
        ElMessage.error(NETWORK_ERROR)
      } else if (error.status === 409) {
        conflictMessage.value = error.message
        ElMessage.error(error.message)
      } else if (error.status === 422 && Object.keys(error.fields).length) {
        showServerErrors(error)
      } else {
        ElMessage.error(error.message)
        // the window closed or the step moved on meanwhile: show what the server says now
        if (error.status === 422 || error.status === 403) await load()
      }
    } finally {
      submitting.value = false
    }
  }

  function goBack() {
    if (window.history.state?.back) router.back()
    else void router.push(session.can('todos.view') ? { name: 'todos' } : { name: 'evaluation-list' })
  }

  function actorText(entry: WorkflowHistoryEntry): string {
    if (!entry.actor) return '系统'
    return entry.actor.roleName ? `${entry.actor.name}（${entry.actor.roleName}）` : entry.actor.name
  }

  function entryScore(entry: WorkflowHistoryEntry): string | null {
    const score = entry.data.score ?? entry.data.total
    return typeof score === 'number' ? formatScore(score) : null
  }

  function historyRescored(index: number): RescoredItem[] {
    const value = detail.value
    return value ? rescoredItems(value.history, index, value.template.items, value.submittedScores) : []
  }

  /** YYYY-MM-DD HH:mm in Shenzhen time */
  function formatTime(value: string): string {
    return formatDateTime(value).slice(0, 16)
  }

  return {
    evaluationId,
    detail,
    loading,
    errorMessage,
    notFound,
    load,
    mode,
    items,
    scores,
    remark,
    opinion,
    fieldErrors,
    submitting,
    conflictMessage,
    submittedTotal,
    reviewedTotal,
    liveTotal,
    otherHalfText,
    periodWindow,
    send,
    goBack,
    actorText,
    entryScore,
    historyRescored,
    stateTagType,
    formatScore,
    formatDateTime,
    formatTime,
  }
}
