import { computed, ref, toRef } from 'vue'
import { useRouter } from 'vue-router'
import type { EstateListRow, TenderQuery, TenderRow } from '@szpm/api'
import { TENDER_SLA_BUCKETS, TENDER_STATES, type TenderSlaBucket, type TenderState } from '@szpm/core'
import { api } from '@/api/client'
import { tenders } from '@/api/tenders'
import { usePagedQueryList } from '@/composables/usePagedQueryList'
import { session } from '@/stores/session'
import { submitForm } from '@/utils/feedback'
import { formatDateTime, queryString } from '@/utils/format'
import { useTenderForm } from '../useTenderForm'

interface TenderFilters {
  state?: string
  sla?: string
  q?: string
}

const pick = <T extends string>(codes: Record<T, string>, value: string | undefined) => (value && value in codes ? (value as T) : undefined)
const apiQuery = (filters: Partial<TenderFilters> & { page?: number; per_page?: number }): TenderQuery => ({
  state: pick<TenderState>(TENDER_STATES, filters.state),
  sla: pick<TenderSlaBucket>(TENDER_SLA_BUCKETS, filters.sla),
  q: filters.q || undefined,
  page: filters.page,
  per_page: filters.per_page,
})

/** the tag colour of a 办理情况 bucket */
export const SLA_TAG = { normal: 'success', overdue: 'warning', severe: 'danger', unknown: 'info' } as const

/**
 * 招标文件备案: the filings of the user's estates (业委会主任) or street, with 办理时长 in working days and
 * 导出Excel; the director files for an estate they direct, a street handler registers a developer's filing.
 */
export function useTenderList() {
  const list = usePagedQueryList<TenderFilters, TenderRow>({
    routeName: 'tenders',
    fields: { state: { param: 'state', parse: queryString }, sla: { param: 'sla', parse: queryString }, q: { param: 'q', parse: queryString } },
    scopeKeys: [],
    formKeys: ['state', 'sla', 'q'],
    fetch: (query) => tenders.list(apiQuery(query)),
    exportUrl: (filters) => tenders.exportUrl(apiQuery(filters)),
  })

  const directedEstates = computed(() => (session.user?.estates ?? []).filter((estate) => estate.relation === 'committee_director'))
  /** 业委会主任 files for the committee; a street handler (初审) registers for a developer */
  const filingAs = computed<'committee' | 'developer' | null>(() => {
    if (directedEstates.value.length) return 'committee'
    if (session.user?.role === 'street_handler' && session.can('tenders.handle')) return 'developer'
    return null
  })
  const filing = useTenderForm()
  const creating = ref(false)
  const saving = ref(false)
  const estateOptions = ref<{ id: number; name: string }[]>([])
  const router = useRouter()

  async function searchEstates(q: string) {
    if (filingAs.value !== 'developer') return
    const { data } = await api.estates.list({ q: q || undefined, per_page: 20 })
    estateOptions.value = data.map((row: EstateListRow) => ({ id: row.id, name: row.name }))
  }

  function openCreate() {
    filing.reset({ estate_id: directedEstates.value[0]?.id, tenderer_kind: filingAs.value ?? 'committee' })
    if (filingAs.value === 'developer') void searchEstates('')
    creating.value = true
  }

  function create() {
    return submitForm(saving, toRef(filing, 'fieldErrors'), async () => {
      const { data } = await tenders.store({ ...filing.body(), estate_id: filing.draft.estate_id ?? 0, tenderer_kind: filing.draft.tenderer_kind })
      creating.value = false
      ElMessage.success(`已提交备案，备案编号 ${data.filingNo}`)
      await router.push({ name: 'tender-detail', params: { id: String(data.id) } })
    })
  }

  return {
    ...list, formatDateTime, directedEstates, filingAs, filing, creating, saving, estateOptions, searchEstates, openCreate, create,
  }
}
