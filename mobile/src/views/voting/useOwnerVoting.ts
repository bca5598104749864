import { reactive, ref, shallowRef } from 'vue'
import { showFailToast, showSuccessToast } from 'vant'
import type { OwnerVotingMeeting, VotingChoice } from '@szpm/core'
import { ApiError } from '@/api/client'
import { cast, mine } from '@/api/voting'
import { useLatestRequest } from '@/composables/useLatestRequest'

/** a pending choice of one house on one topic, with the key that makes a retried submit count once */
interface Draft {
  choice: VotingChoice
  requestId: string
}

const key = (topicId: number, houseId: number) => `${topicId}:${houseId}`

/**
 * 业主表决: the meetings of the owner's houses; per topic and house the owner picks 同意 / 反对 / 弃权 and
 * submits the topic. A choice keeps its request id until it is accepted, so submitting again after a
 * network failure does not cast twice.
 */
export function useOwnerVoting() {
  const meetings = shallowRef<OwnerVotingMeeting[]>([])
  const loaded = ref(false)
  const drafts = reactive(new Map<string, Draft>())
  const submitting = ref<number | null>(null)
  const { loading, error, run } = useLatestRequest()

  function load(): Promise<void> {
    return run(() => mine(), (answer) => {
      meetings.value = answer.data
      loaded.value = true
    })
  }

  function chosen(topicId: number, houseId: number, standing: VotingChoice | null): VotingChoice | null {
    return drafts.get(key(topicId, houseId))?.choice ?? standing
  }

  function choose(topicId: number, houseId: number, choice: VotingChoice) {
    drafts.set(key(topicId, houseId), { choice, requestId: crypto.randomUUID() })
  }

  function isOpen(meeting: OwnerVotingMeeting): boolean {
    const now = Date.now()
    return meeting.status === 'published' && now >= Date.parse(meeting.opensAt) && now < Date.parse(meeting.closesAt)
  }

  async function submit(topic: OwnerVotingMeeting['topics'][number]) {
    const pending = topic.houses.filter((house) => drafts.has(key(topic.id, house.id)))
    if (!pending.length) {
      showFailToast('请先选择表决意见')
      return
    }
    submitting.value = topic.id
    try {
      for (const house of pending) {
        const draft = drafts.get(key(topic.id, house.id))!
        await cast(topic.id, { house_id: house.id, choice: draft.choice, request_id: draft.requestId })
        drafts.delete(key(topic.id, house.id))
      }
      showSuccessToast('表决已提交')
      await load()
    } catch (caught) {
      showFailToast(caught instanceof ApiError ? caught.message : '网络异常，请稍后重试')
    } finally {
      submitting.value = null
    }
  }

  void load()
  return { meetings, loaded, loading, error, load, chosen, choose, isOpen, submit, submitting }
}
