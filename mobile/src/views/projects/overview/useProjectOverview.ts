import { computed } from 'vue'
import type { RouteLocationRaw } from 'vue-router'
import type { ProjectStatsRow } from '@szpm/api'
import { fetchProjectStats } from '@/api/projects'
import type { SummaryItem } from '@/components/SummaryGrid.vue'
import { useRegionDrillDown, type DrillNumber } from '@/composables/useRegionDrillDown'
import { formatNumber } from '@/utils/format'
import { formatArea } from '../format'

/** the numbers on a region row that open the filtered estate list (穿透) */
type ProjectDrillNumber = DrillNumber<'withCommittee' | 'withoutCommittee'>

export function useProjectOverview() {
  const drill = useRegionDrillDown({ path: '/projects', fetch: fetchProjectStats })
  const { meta, regionId } = drill

  const summary = computed<SummaryItem[]>(() => {
    const totals = meta.value?.totals
    return [
      { key: 'estates', label: '物业项目', value: formatNumber(totals?.estates) },
      { key: 'houses', label: '房屋数', value: formatNumber(totals?.houses) },
      { key: 'households', label: '户数', value: formatNumber(totals?.households) },
      { key: 'buildingArea', label: '建筑面积', value: formatArea(totals?.buildingArea) },
      { key: 'companies', label: '物业服务企业', value: formatNumber(totals?.companies) },
      { key: 'withCommittee', label: '已成立业委会', value: formatNumber(totals?.withCommittee) },
    ]
  })

  /** the estate list of the region on screen */
  const estateListLink = computed<RouteLocationRaw>(() => {
    const id = meta.value?.region.id ?? regionId.value
    return { path: '/projects/estates', query: id ? { region: String(id) } : {} }
  })

  function rowLabel(row: ProjectStatsRow): string {
    return `项目 ${formatNumber(row.estates)} · 房屋 ${formatNumber(row.houses)} · 户数 ${formatNumber(row.households)}`
  }

  function drillNumbers(row: ProjectStatsRow): ProjectDrillNumber[] {
    if (row.level === 'estate') return []
    const list = (filter: Record<string, string>): RouteLocationRaw => ({
      path: '/projects/estates',
      query: { region: String(row.id), ...filter },
    })
    return [
      { key: 'withCommittee', label: '已成立业委会', value: row.withCommittee, to: list({ has_committee: 'true' }) },
      { key: 'withoutCommittee', label: '未成立业委会', value: row.withoutCommittee, to: list({ has_committee: 'false' }) },
    ]
  }

  return { ...drill, summary, estateListLink, rowLabel, drillNumbers }
}
