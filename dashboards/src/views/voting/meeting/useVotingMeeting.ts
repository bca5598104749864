import { computed, shallowRef, watch } from 'vue'
import { useRoute } from 'vue-router'
import type { VotingMeetingDetail } from '@szpm/api'
import { voting } from '@/api/voting'
import { useLatestRequest } from '@/composables/useLatestRequest'
import { session } from '@/stores/session'
import { confirmed, runAction } from '@/utils/feedback'
import { formatDateTime } from '@/utils/format'

/**
 * 表决结果: one meeting with each topic's rule and its six numbers (live while voting is open, final
 * once closed); its convener publishes the draft and, after the period, closes it (结束并计票).
 */
export function useVotingMeeting() {
  const route = useRoute()
  const meeting = shallowRef<VotingMeetingDetail | null>(null)
  const { loading, errorMessage, notFound, run } = useLatestRequest({ notFound: true })
  const id = computed(() => Number(route.params.id))

  function load() {
    return run(() => voting.meeting(id.value), (answer) => (meeting.value = answer.data), () => (meeting.value = null))
  }
  watch(id, () => void load(), { immediate: true })

  // 结束并计票 before the period ends is refused by the server (its clock decides), with its message

  /** the signed-in user convenes it: its committee's director, or the street for a 居代业 meeting */
  const isConvener = computed(() => {
    const current = meeting.value
    if (!current) return false
    if (current.convener === 'committee') return (session.user?.estates ?? []).some((e) => e.id === current.estateId && e.relation === 'committee_director')
    return session.can('voting.manage')
  })

  async function publish() {
    const current = meeting.value!
    if (!(await confirmed('发布后业主即可在微信中表决，会议内容不能再修改。确定发布？', '发布表决会议'))) return
    if (await runAction(() => voting.publishMeeting(current.id, current.version), '已发布，已通知本项目已认证的业主')) await load()
  }

  async function close() {
    const current = meeting.value!
    if (!(await confirmed('结束后不再接受选票，并按《民法典》第二百七十八条计票公布结果。确定结束？', '结束表决并计票'))) return
    if (await runAction(() => voting.closeMeeting(current.id, current.version), '已结束并计票')) await load()
  }

  return { meeting, loading, errorMessage, notFound, load, isConvener, publish, close, formatDateTime }
}
