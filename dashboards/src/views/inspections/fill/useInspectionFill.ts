import { computed, reactive, ref, shallowRef, watch, type UnwrapNestedRefs } from 'vue'
import { useRoute } from 'vue-router'
import { INSPECTION_RESULTS, type InspectionResult } from '@szpm/core'
import type { InspectionTargetDetail } from '@szpm/api'
import { inspections } from '@/api/inspections'
import { useAttachmentUploads } from '@/composables/useAttachmentUploads'
import { useLatestRequest } from '@/composables/useLatestRequest'
import { submitForm } from '@/utils/feedback'

interface AnswerDraft {
  result: InspectionResult | ''
  description: string
  measures: string
  rectified: boolean
  rectified_on: string
  uploads: UnwrapNestedRefs<ReturnType<typeof useAttachmentUploads>>
}

/**
 * 安全检查填报: one target's checklist. The estate's 项目经理 answers every item (合格 / 发现问题 with
 * photos, 问题描述, 整改措施, 整改完成 + date) and submits with the version shown (409 when someone
 * changed it); in 整改中 they report each problem's 整改完成 date. Everyone else (and after the
 * deadline) reads the answers with their photos.
 */
export function useInspectionFill() {
  const route = useRoute()
  const id = computed(() => Number(route.params.id))
  const target = shallowRef<InspectionTargetDetail | null>(null)
  const answers = reactive<Record<number, AnswerDraft>>({})
  const rectifications = reactive<Record<number, { rectified_on: string; measures: string }>>({})
  const fieldErrors = ref<Record<string, string>>({})
  const saving = ref(false)
  const { loading, errorMessage, notFound, run } = useLatestRequest({ notFound: true })

  function reset(detail: InspectionTargetDetail) {
    for (const key of Object.keys(answers)) delete answers[Number(key)]
    for (const key of Object.keys(rectifications)) delete rectifications[Number(key)]
    for (const item of detail.checklist) {
      answers[item.id] = {
        result: '', description: '', measures: '', rectified: false, rectified_on: '',
        uploads: reactive(useAttachmentUploads((file, name) => inspections.upload(file, name), '每项最多上传 9 张照片')),
      }
      if (item.answer?.result === 'problem' && !item.answer.rectified) rectifications[item.id] = { rectified_on: '', measures: item.answer.measures }
    }
  }

  function load() {
    return run(() => inspections.target(id.value), (answer) => {
      target.value = answer.data
      reset(answer.data)
    }, () => (target.value = null))
  }
  watch(id, () => void load(), { immediate: true })

  const filling = computed(() => Boolean(target.value?.canFill && target.value.state === 'pending'))
  const rectifying = computed(() => Boolean(target.value?.canFill && target.value.state === 'rectifying'))
  const errorOf = (index: number, field: string) => fieldErrors.value[`answers.${index}.${field}`] ?? ''

  function submit() {
    const detail = target.value
    if (!detail) return
    return submitForm(saving, fieldErrors, async () => {
      const { data } = await inspections.submit(detail.id, {
        version: detail.version,
        answers: detail.checklist.map((item) => {
          const draft = answers[item.id]!
          return {
            item_id: item.id,
            result: (draft.result || 'pass') as InspectionResult,
            ...(draft.result === 'problem'
              ? { description: draft.description, measures: draft.measures, rectified: draft.rectified, ...(draft.rectified && draft.rectified_on ? { rectified_on: draft.rectified_on } : {}) }
              : {}),
            photos: draft.uploads.attachmentTokens(),
          }
        }),
      })
      target.value = data
      reset(data)
      ElMessage.success(data.state === 'rectifying' ? '已提交，存在未整改问题，请整改后提交整改结果' : '已提交')
    })
  }

  function rectify() {
    const detail = target.value
    if (!detail) return
    return submitForm(saving, fieldErrors, async () => {
      const { data } = await inspections.rectify(detail.id, {
        version: detail.version,
        answers: Object.entries(rectifications).map(([itemId, draft]) => ({ item_id: Number(itemId), rectified_on: draft.rectified_on, ...(draft.measures ? { measures: draft.measures } : {}) })),
      })
      target.value = data
      reset(data)
      ElMessage.success('已提交整改结果')
    })
  }

  return { id, target, answers, rectifications, fieldErrors, saving, loading, errorMessage, notFound, filling, rectifying, errorOf, load, submit, rectify, results: INSPECTION_RESULTS, photoUrl: inspections.photoUrl }
}
