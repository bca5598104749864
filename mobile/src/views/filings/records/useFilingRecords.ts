import { computed } from 'vue'
import type { EstateFilingQuery, EstateFilingRow, FilingStatus } from '@szpm/api'
import { fetchEstateFilings } from '@/api/filings'
import { useInfiniteQueryList } from '@/composables/useInfiniteQueryList'
import { queryId, queryString } from '@/utils/query'

const STATUS_NAMES: Record<FilingStatus, string> = {
  filed: '已备案',
  expired: '已过期',
  not_filed: '未备案',
}

type TagType = 'success' | 'warning' | 'danger' | 'default'

const STATUS_TAGS: Record<FilingStatus, TagType> = {
  filed: 'success',
  expired: 'warning',
  not_filed: 'danger',
}

export function useFilingRecords() {
  const list = useInfiniteQueryList({
    path: '/filings/records',
    /** region, estate, contract_status, assembly_status, q */
    filtersFromQuery: (query): EstateFilingQuery => ({
      region_id: queryId(query.region),
      estate_id: queryId(query.estate),
      contract_status: queryString(query.contract_status),
      assembly_status: queryString(query.assembly_status),
      q: queryString(query.q),
    }),
    fetch: fetchEstateFilings,
  })
  const { filters } = list

  const filterTags = computed(() => {
    const tags: string[] = []
    const { contract_status: contract, assembly_status: assembly } = filters.value
    if (contract) tags.push(`合同${STATUS_NAMES[contract as FilingStatus] ?? contract}`)
    if (assembly) tags.push(`业主大会${STATUS_NAMES[assembly as FilingStatus] ?? assembly}`)
    return tags
  })

  function rowLabel(row: EstateFilingRow): string {
    return [row.communityName, `合同${row.contractStatusName}`, `业主大会${row.assemblyStatusName}`]
      .filter(Boolean)
      .join(' · ')
  }

  function statusTag(status: FilingStatus): TagType {
    return STATUS_TAGS[status] ?? 'default'
  }

  return { ...list, filterTags, rowLabel, statusTag }
}
