import { computed, shallowRef, watch } from 'vue'
import { useRoute, type RouteLocationRaw } from 'vue-router'
import type { Envelope, RegionLevel, RegionRef } from '@szpm/api'
import { LEVEL_LABEL } from '@/constants/filing'
import { formatDateTime, queryNumber } from '@/utils/format'
import { useLatestRequest } from '@/composables/useLatestRequest'

/** what every per-region stats endpoint (备案情况, 项目管理) returns beside its rows */
export interface DrillDownMeta<Totals> {
  region: RegionRef
  childLevel: RegionLevel
  breadcrumb: RegionRef[]
  totals: Totals
  freshAt: string | null
}

/** a child row: a region one level down, or an estate at the last level */
export interface DrillDownRow {
  id: number
  level: RegionLevel
  name: string
}

export interface RegionDrillDownOptions<Row, Totals> {
  /** the page's route name; drill-down links stay on it */
  routeName: string
  fetch: (regionId?: number) => Promise<Envelope<Row[], DrillDownMeta<Totals>>>
  exportUrl: (regionId?: number) => string
}

/**
 * One drill-down step of a region stats page: follows `?region=`, loads the child rows and meta,
 * and builds the crumb / name links. Absent region = the server falls back to the user's own.
 */
export function useRegionDrillDown<Row extends DrillDownRow, Totals>(options: RegionDrillDownOptions<Row, Totals>) {
  const route = useRoute()
  const regionId = computed(() => queryNumber(route.query.region))

  const rows = shallowRef<Row[]>([])
  const meta = shallowRef<DrillDownMeta<Totals> | null>(null)
  const { loading, errorMessage, run } = useLatestRequest()

  function load() {
    return run(
      () => options.fetch(regionId.value),
      (response) => {
        rows.value = response.data
        meta.value = response.meta
      },
      () => {
        rows.value = []
        meta.value = null
      }
    )
  }

  // the composable outlives its route for a tick while navigating away: only reload on this page
  watch(
    regionId,
    () => {
      if (route.name === options.routeName) void load()
    },
    { immediate: true }
  )

  const breadcrumb = computed(() => meta.value?.breadcrumb ?? [])
  const nameLabel = computed(() => (meta.value ? LEVEL_LABEL[meta.value.childLevel] : '名称'))
  const freshAt = computed(() => formatDateTime(meta.value?.freshAt))
  const exportUrl = computed(() => options.exportUrl(regionId.value))

  function regionLink(id: number): RouteLocationRaw {
    return { name: options.routeName, query: { region: String(id) } }
  }

  /** name cell: drill down one level, or open the estate detail at the last level */
  function nameLink(row: Row): RouteLocationRaw {
    return row.level === 'estate' ? { name: 'filing-estate', params: { id: String(row.id) } } : regionLink(row.id)
  }

  return { regionId, rows, meta, loading, errorMessage, load, breadcrumb, nameLabel, freshAt, exportUrl, regionLink, nameLink }
}
