import { computed } from 'vue'
import type { EstateFilingQuery, EstateFilingRow } from '@szpm/api'
import { estates, estatesExportUrl } from '@/api/filings'
import type { ScopeTag } from '@/components/ListFilterCard.vue'
import { usePagedQueryList } from '@/composables/usePagedQueryList'
import { ASSEMBLY_STATUS_OPTIONS, CONTRACT_STATUS_OPTIONS, statusTagType } from '@/constants/filing'
import { formatDate, queryNumber, queryString } from '@/utils/format'

type RecordFilters = Omit<EstateFilingQuery, 'page' | 'per_page'>

export function useFilingRecords() {
  const list = usePagedQueryList<RecordFilters, EstateFilingRow>({
    routeName: 'filing-records',
    fields: {
      region_id: { param: 'region', parse: queryNumber },
      estate_id: { param: 'estate', parse: queryNumber },
      contract_status: { param: 'contract_status', parse: queryString },
      assembly_status: { param: 'assembly_status', parse: queryString },
      q: { param: 'q', parse: queryString },
    },
    scopeKeys: ['region_id', 'estate_id'],
    formKeys: ['q', 'contract_status', 'assembly_status'],
    fetch: estates,
    exportUrl: estatesExportUrl,
  })
  const { filters, rows } = list

  const scopeTags = computed(() => {
    const tags: ScopeTag<'region_id' | 'estate_id'>[] = []
    if (filters.value.region_id) tags.push({ key: 'region_id', label: '已按所选区域筛选' })
    if (filters.value.estate_id) {
      const name = rows.value[0]?.estateName
      tags.push({ key: 'estate_id', label: name ? `物业项目：${name}` : '已按物业项目筛选' })
    }
    return tags
  })

  function rowClassName({ row }: { row: EstateFilingRow }): string {
    return `estate-row-${row.estateId}`
  }

  return {
    ...list,
    scopeTags,
    rowClassName,
    statusTagType,
    formatDate,
    contractOptions: CONTRACT_STATUS_OPTIONS,
    assemblyOptions: ASSEMBLY_STATUS_OPTIONS,
  }
}
