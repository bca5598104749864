import { reactive, ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { DISPUTE_LEDGERS, DISPUTE_STATES, DISPUTE_TYPES, type DisputeLedger } from '@szpm/core'
import type { DisputeEstateOption, DisputeQuery, DisputeRow } from '@szpm/api'
import { disputes } from '@/api/disputes'
import { usePagedQueryList } from '@/composables/usePagedQueryList'
import { submitForm } from '@/utils/feedback'
import { formatDate, formatDateTime, queryNumber, queryString } from '@/utils/format'
import { useAttachmentUploads } from '@/composables/useAttachmentUploads'

/** the three ledger pages → their ledger */
export const LEDGER_OF_PAGE: Record<string, DisputeLedger> = { 'dispute-open': 'open', 'dispute-closed': 'closed', 'dispute-all': 'all' }

interface DisputeFilters {
  region_id?: number
  estate_id?: number
  q?: string
  type?: string
  state?: string
  reported_from?: string
  reported_to?: string
}

const oneOf = (map: Record<string, string>) => (value: unknown) => {
  const text = queryString(value)
  return text && Object.hasOwn(map, text) ? text : undefined
}

const emptyForm = () => ({ estate_id: undefined as number | undefined, dispute_type: '', title: '', parties: '', summary: '', reported_on: '', transfer: true })

/** 未办结台账 / 已办结台账 / 总台账: the ledger with its 展开 filters, the export, and 录入纠纷 for the bureaus */
export function useDisputeLedger() {
  const route = useRoute()
  const router = useRouter()
  const routeName = String(route.name)
  const ledger = LEDGER_OF_PAGE[routeName] ?? 'all'
  const apiQuery = (filters: Partial<DisputeFilters> & { page?: number; per_page?: number }): DisputeQuery => ({
    ...filters,
    ledger,
    type: filters.type as DisputeQuery['type'],
    state: filters.state as DisputeQuery['state'],
  })
  const list = usePagedQueryList<DisputeFilters, DisputeRow>({
    routeName,
    fields: {
      region_id: { param: 'region_id', parse: queryNumber },
      estate_id: { param: 'estate_id', parse: queryNumber },
      q: { param: 'q', parse: queryString },
      type: { param: 'type', parse: oneOf(DISPUTE_TYPES) },
      state: { param: 'state', parse: oneOf(DISPUTE_STATES) },
      reported_from: { param: 'reported_from', parse: queryString },
      reported_to: { param: 'reported_to', parse: queryString },
    },
    scopeKeys: ['region_id', 'estate_id'],
    formKeys: ['q', 'type', 'state', 'reported_from', 'reported_to'],
    fetch: (query) => disputes.list(apiQuery(query)),
    exportUrl: (filters) => disputes.exportUrl(apiQuery(filters)),
  })

  /** 展开: the filters beyond the keyword */
  const expanded = ref(false)
  const states = Object.entries(DISPUTE_STATES).filter(([state]) => (ledger === 'open' ? state !== 'closed' : ledger === 'closed' ? state === 'closed' : true))

  // 录入纠纷
  const dialog = ref(false)
  const saving = ref(false)
  const errors = ref<Record<string, string>>({})
  const entry = reactive(emptyForm())
  const estateOptions = ref<DisputeEstateOption[]>([])
  const uploads = reactive(useAttachmentUploads((file, name) => disputes.upload(file, name)))
  const searchingEstates = ref(false)

  async function findEstates(q: string) {
    searchingEstates.value = true
    try {
      estateOptions.value = (await disputes.estates(q || undefined)).data
    } finally {
      searchingEstates.value = false
    }
  }

  function openCreate() {
    Object.assign(entry, emptyForm())
    errors.value = {}
    uploads.clear()
    dialog.value = true
    void findEstates('')
  }

  async function create() {
    let id = 0
    const ok = await submitForm(saving, errors, async () => {
      const { data } = await disputes.create({
        estate_id: entry.estate_id as number,
        dispute_type: entry.dispute_type as DisputeQuery['type'] & string,
        title: entry.title,
        parties: entry.parties,
        summary: entry.summary,
        reported_on: entry.reported_on,
        transfer: entry.transfer,
        attachments: uploads.attachmentTokens(),
      })
      id = data.id
    })
    if (!ok) return
    dialog.value = false
    ElMessage.success(entry.transfer ? '纠纷已录入并转办至街道' : '纠纷已录入')
    void router.push({ name: 'dispute-detail', params: { id: String(id) } })
  }

  return {
    ...list, ledger, title: DISPUTE_LEDGERS[ledger], expanded, states, types: Object.entries(DISPUTE_TYPES),
    dialog, saving, errors, entry, estateOptions, searchingEstates, uploads, findEstates, openCreate, create, formatDate, formatDateTime,
  }
}
