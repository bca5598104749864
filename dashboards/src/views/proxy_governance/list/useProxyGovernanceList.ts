import { reactive, ref, shallowRef } from 'vue'
import { useRouter } from 'vue-router'
import type { ProxyGovernanceEstateOption, ProxyGovernanceQuery, ProxyGovernanceRow } from '@szpm/api'
import { PROXY_GOVERNANCE_STATES, type ProxyGovernanceState } from '@szpm/core'
import { proxyGovernance } from '@/api/disclosures'
import { usePagedQueryList } from '@/composables/usePagedQueryList'
import { session } from '@/stores/session'
import { failureMessage, submitForm } from '@/utils/feedback'
import { formatDateTime, queryString } from '@/utils/format'

interface Filters {
  state?: string
  q?: string
}

const STATES = Object.keys(PROXY_GOVERNANCE_STATES)
const apiQuery = (filters: Partial<Filters> & { page?: number; per_page?: number }): ProxyGovernanceQuery => ({
  state: STATES.includes(filters.state ?? '') ? (filters.state as ProxyGovernanceState) : undefined,
  q: filters.q || undefined,
  page: filters.page,
  per_page: filters.per_page,
})

/** 居代业管理: the 居代业 of the user's region, 导出Excel, and 发起居代业 (street accounts) for an estate without a working committee. */
export function useProxyGovernanceList() {
  const list = usePagedQueryList<Filters, ProxyGovernanceRow>({
    routeName: 'proxy-governances',
    fields: { state: { param: 'state', parse: queryString }, q: { param: 'q', parse: queryString } },
    scopeKeys: [],
    formKeys: ['state', 'q'],
    fetch: (query) => proxyGovernance.list(apiQuery(query)),
    exportUrl: (filters) => proxyGovernance.exportUrl(apiQuery(filters)),
  })
  const router = useRouter()
  const canStart = session.can('proxy_governance.handle') && ['street_head', 'street_handler'].includes(session.user?.role ?? '')
  const starting = ref(false)
  const saving = ref(false)
  const fieldErrors = ref<Record<string, string>>({})
  const estates = shallowRef<ProxyGovernanceEstateOption[]>([])
  const draft = reactive({ estate_id: undefined as number | undefined, reason: '', content: '' })

  async function openStart() {
    fieldErrors.value = {}
    Object.assign(draft, { estate_id: undefined, reason: '', content: '' })
    try {
      estates.value = (await proxyGovernance.estates()).data
      starting.value = true
    } catch (error) {
      ElMessage.error(failureMessage(error))
    }
  }

  function start() {
    return submitForm(saving, fieldErrors, async () => {
      const { data } = await proxyGovernance.start({ estate_id: draft.estate_id ?? 0, reason: draft.reason, content: draft.content })
      starting.value = false
      ElMessage.success('已发起居代业，意见征集公告已发布')
      await router.push({ name: 'proxy-governance-detail', params: { id: String(data.id) } })
    })
  }

  /** why an estate cannot start one (shown beside it in the picker) */
  const blocked = (estate: ProxyGovernanceEstateOption) => (estate.hasCommittee ? '已成立业委会' : estate.openId ? '已有进行中的居代业' : '')

  return { ...list, formatDateTime, canStart, starting, saving, fieldErrors, estates, draft, openStart, start, blocked }
}
