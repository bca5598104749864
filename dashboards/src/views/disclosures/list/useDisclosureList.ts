import { onMounted, shallowRef } from 'vue'
import type { DisclosureQuery, DisclosureRow, DisclosureTemplate } from '@szpm/api'
import { DISCLOSURE_SOURCES, DISCLOSURE_STATES, type DisclosureSource, type DisclosureState } from '@szpm/core'
import { disclosures } from '@/api/disclosures'
import { usePagedQueryList } from '@/composables/usePagedQueryList'
import { session } from '@/stores/session'
import { formatDateTime, queryString } from '@/utils/format'

interface Filters {
  template_id?: string
  state?: string
  source?: string
  q?: string
  from?: string
  to?: string
}

const STATES = Object.keys(DISCLOSURE_STATES)
const SOURCES = Object.keys(DISCLOSURE_SOURCES)
const apiQuery = (filters: Partial<Filters> & { page?: number; per_page?: number }): DisclosureQuery => ({
  template_id: filters.template_id && /^\d+$/.test(filters.template_id) ? Number(filters.template_id) : undefined,
  state: STATES.includes(filters.state ?? '') ? (filters.state as DisclosureState) : undefined,
  source: SOURCES.includes(filters.source ?? '') ? (filters.source as DisclosureSource) : undefined,
  q: filters.q || undefined,
  from: filters.from || undefined,
  to: filters.to || undefined,
  page: filters.page,
  per_page: filters.per_page,
})

/** 信息公开查询: the announcements of the user's region with filters in the URL, 导出Excel, 发布信息公开. */
export function useDisclosureList() {
  const list = usePagedQueryList<Filters, DisclosureRow>({
    routeName: 'disclosures',
    fields: {
      template_id: { param: 'template_id', parse: queryString },
      state: { param: 'state', parse: queryString },
      source: { param: 'source', parse: queryString },
      q: { param: 'q', parse: queryString },
      from: { param: 'from', parse: queryString },
      to: { param: 'to', parse: queryString },
    },
    scopeKeys: [],
    formKeys: ['template_id', 'state', 'source', 'q', 'from', 'to'],
    fetch: (query) => disclosures.list(apiQuery(query)),
    exportUrl: (filters) => disclosures.exportUrl(apiQuery(filters)),
  })
  const templates = shallowRef<DisclosureTemplate[]>([])
  onMounted(async () => {
    templates.value = (await disclosures.templates()).data
  })
  /** street accounts publish (the server refuses the bureaus above them) */
  const canPublish = session.can('disclosures.manage') && ['street_head', 'street_handler'].includes(session.user?.role ?? '')
  return { ...list, templates, canPublish, formatDateTime }
}
