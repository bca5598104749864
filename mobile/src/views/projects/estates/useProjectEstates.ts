import type { EstateListQuery, EstateListRow } from '@szpm/api'
import { fetchEstateList } from '@/api/projects'
import { useInfiniteQueryList } from '@/composables/useInfiniteQueryList'
import { formatNumber } from '@/utils/format'
import { queryId, queryString } from '@/utils/query'
import { ESTATE_TYPES } from '../format'

export interface DropdownOption {
  text: string
  value: string
}

export const TYPE_OPTIONS: DropdownOption[] = [
  { text: '全部类型', value: '' },
  ...ESTATE_TYPES.map((type) => ({ text: type, value: type })),
]

export const COMMITTEE_OPTIONS: DropdownOption[] = [
  { text: '业委会', value: '' },
  { text: '已成立业委会', value: 'true' },
  { text: '未成立业委会', value: 'false' },
]

/** only 'true' / 'false' reach the API */
function committeeValue(value: string | undefined): string | undefined {
  return value === 'true' || value === 'false' ? value : undefined
}

export function useProjectEstates() {
  const list = useInfiniteQueryList({
    path: '/projects/estates',
    /** region, q, estate_type, has_committee */
    filtersFromQuery: (query): EstateListQuery => ({
      region_id: queryId(query.region),
      q: queryString(query.q),
      estate_type: queryString(query.estate_type),
      has_committee: committeeValue(queryString(query.has_committee)),
    }),
    fetch: fetchEstateList,
  })

  function rowLabel(row: EstateListRow): string {
    return [
      row.type,
      row.communityName,
      `房屋 ${formatNumber(row.houseCount)} · 户数 ${formatNumber(row.householdCount)}`,
    ]
      .filter(Boolean)
      .join(' · ')
  }

  return {
    ...list,
    estateType: list.queryModel('estate_type'),
    committee: list.queryModel('has_committee'),
    typeOptions: TYPE_OPTIONS,
    committeeOptions: COMMITTEE_OPTIONS,
    rowLabel,
  }
}
