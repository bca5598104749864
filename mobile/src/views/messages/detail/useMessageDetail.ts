import { computed, ref, watch } from 'vue'
import { useRoute } from 'vue-router'
import type { MessageRow } from '@szpm/api'
import { formatDateTime } from '@szpm/core'
import { ApiError } from '@/api/client'
import { openMessage } from '@/api/messages'
import { messageTarget } from '../useMessages'

/** 消息详情: a message shown by itself (the WeChat link of a message without an H5 subject page); opening marks it read */
export function useMessageDetail() {
  const route = useRoute()
  const id = computed(() => Number(route.params.id))
  const message = ref<MessageRow | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      message.value = await openMessage(id.value)
    } catch (caught) {
      message.value = null
      error.value = caught instanceof ApiError && caught.status === 404 ? '消息不存在' : caught instanceof ApiError ? caught.message : '网络异常，请稍后重试'
    } finally {
      loading.value = false
    }
  }
  watch(id, () => void load(), { immediate: true })

  /** the subject's page, when the H5 has it */
  const subjectTarget = computed(() => {
    if (!message.value?.subject) return null
    const target = messageTarget(message.value)
    return typeof target === 'object' && 'name' in target && target.name === 'message' ? null : target
  })

  return { id, message, loading, error, load, subjectTarget, formatDateTime }
}
