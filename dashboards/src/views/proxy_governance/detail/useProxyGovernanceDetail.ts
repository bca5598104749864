import { computed, reactive, ref, shallowRef, watch } from 'vue'
import { useRoute } from 'vue-router'
import type { ProxyGovernanceDetail } from '@szpm/api'
import { PROXY_GOVERNANCE_ACTIONS, type ProxyGovernanceAction } from '@szpm/core'
import { proxyGovernance } from '@/api/disclosures'
import { useLatestRequest } from '@/composables/useLatestRequest'
import { submitForm } from '@/utils/feedback'
import { formatDateTime } from '@/utils/format'

/** what each step asks for (the server's process declares the same required fields) */
export const REMARK_LABELS: Record<ProxyGovernanceAction, string> = { decline: '不启动说明', appoint: '指定说明', terminate: '终止原因' }

/**
 * 居代业详情: the subject, its history and the announcements of its steps; the street's
 * 不启动 / 指定 / 终止 open a dialog (说明, 代行主体 for 指定, the announcement) and publish it with the step.
 */
export function useProxyGovernanceDetail() {
  const route = useRoute()
  const item = shallowRef<ProxyGovernanceDetail | null>(null)
  const { loading, errorMessage, notFound, run } = useLatestRequest({ notFound: true })
  const id = computed(() => Number(route.params.id))
  const acting = ref<ProxyGovernanceAction | null>(null)
  const saving = ref(false)
  const fieldErrors = ref<Record<string, string>>({})
  const draft = reactive({ remark: '', agent: '', content: '' })

  function load() {
    return run(() => proxyGovernance.show(id.value), (answer) => (item.value = answer.data), () => (item.value = null))
  }
  watch(id, () => void load(), { immediate: true })

  function open(action: ProxyGovernanceAction) {
    fieldErrors.value = {}
    Object.assign(draft, { remark: '', agent: action === 'appoint' ? `${item.value?.communityName ?? ''}居委会` : '', content: '' })
    acting.value = action
  }

  function submit() {
    const action = acting.value!
    return submitForm(saving, fieldErrors, async () => {
      const { data } = await proxyGovernance.fire(id.value, action, {
        version: item.value!.version, remark: draft.remark, content: draft.content, ...(action === 'appoint' ? { agent: draft.agent } : {}),
      })
      item.value = data
      acting.value = null
      ElMessage.success(`已${PROXY_GOVERNANCE_ACTIONS[action]}，公告已发布`)
    })
  }

  return { item, loading, errorMessage, notFound, load, acting, saving, fieldErrors, draft, open, submit, formatDateTime, ACTIONS: PROXY_GOVERNANCE_ACTIONS, REMARK_LABELS }
}
