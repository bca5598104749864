import { computed } from 'vue'
import type { EstateListQuery, EstateListRow } from '@szpm/api'
import { estates, estatesExportUrl } from '@/api/projects'
import type { ScopeTag } from '@/components/ListFilterCard.vue'
import { usePagedQueryList } from '@/composables/usePagedQueryList'
import { formatNumber, queryNumber, queryString } from '@/utils/format'
import { COMMITTEE_OPTIONS, ESTATE_TYPE_OPTIONS } from '../constants'

type EstateFilters = Omit<EstateListQuery, 'page' | 'per_page'>

/** only 'true' / 'false' reach the API */
function committeeValue(value: unknown): string | undefined {
  const text = queryString(value)
  return text === 'true' || text === 'false' ? text : undefined
}

export function useProjectEstates() {
  const list = usePagedQueryList<EstateFilters, EstateListRow>({
    routeName: 'project-estates',
    fields: {
      region_id: { param: 'region', parse: queryNumber },
      q: { param: 'q', parse: queryString },
      estate_type: { param: 'estate_type', parse: queryString },
      has_committee: { param: 'has_committee', parse: committeeValue },
    },
    scopeKeys: ['region_id'],
    formKeys: ['q', 'estate_type', 'has_committee'],
    fetch: estates,
    exportUrl: estatesExportUrl,
  })
  const { filters } = list

  const scopeTags = computed<ScopeTag<'region_id'>[]>(() =>
    filters.value.region_id ? [{ key: 'region_id', label: '已按所选区域筛选' }] : []
  )

  function rowClassName({ row }: { row: EstateListRow }): string {
    return `estate-row-${row.id}`
  }

  return {
    ...list,
    scopeTags,
    rowClassName,
    formatNumber,
    typeOptions: ESTATE_TYPE_OPTIONS,
    committeeOptions: COMMITTEE_OPTIONS,
  }
}
