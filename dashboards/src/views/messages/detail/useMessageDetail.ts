import { computed, shallowRef, watch } from 'vue'
import { useRoute } from 'vue-router'
import type { MessageRow } from '@szpm/api'
import { show } from '@/api/messages'
import { useLatestRequest } from '@/composables/useLatestRequest'
import { messageBadge } from '@/stores/messageBadge'
import { formatDateTime } from '@/utils/format'
import { messageTarget } from '../useMessages'

/** 消息详情: a message shown by itself (one without a subject, or the WeChat link of one); opening it marks it read */
export function useMessageDetail() {
  const route = useRoute()
  const message = shallowRef<MessageRow | null>(null)
  const { loading, errorMessage, run } = useLatestRequest()
  const id = computed(() => Number(route.params.id))

  function load() {
    return run(
      () => show(id.value),
      (response) => {
        message.value = response.data
        void messageBadge.refresh()
      },
      () => {
        message.value = null
      }
    )
  }
  watch(id, () => void load(), { immediate: true })

  const subjectTarget = computed(() => (message.value?.subject ? messageTarget(message.value) : null))
  return { message, loading, errorMessage, load, subjectTarget, formatDateTime }
}
