import { computed, shallowRef, watch, type ShallowRef } from 'vue'
import { useRoute, type RouteLocationRaw } from 'vue-router'
import type { Envelope, RegionLevel, RegionRef } from '@szpm/api'
import { LEVEL_NAMES, formatDateTime } from '@szpm/core'
import { queryNumber } from '@/utils/format'
import { useLatestRequest } from '@/composables/useLatestRequest'

/** what every per-region statistics route returns beside its rows */
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

export interface RegionDrillDownOptions<Row, Meta> {
  /** the page's route name; drill-down links stay on it */
  routeName: string
  fetch: (regionId?: number) => Promise<Envelope<Row[], Meta>>
  exportUrl: (regionId?: number) => string
  /**
   * route query the page adds to the region (e.g. the evaluation period): kept by every drill-down
   * link, and a change reloads the page
   */
  linkQuery?: () => Record<string, string>
  /** the tab of the estate page an estate row opens (the module's slug) */
  estateTab?: string
}

/** The shared estate page, on the tab of one module. */
export function estateLink(id: number | string, tab?: string): RouteLocationRaw {
  return { name: 'estate', params: { id: String(id) }, query: tab ? { tab } : {} }
}

/**
 * One drill-down step of a region stats page: follows `?region=`, loads the child rows and meta,
 * and builds the crumb / name links. Absent region = the server falls back to the user's own.
 */
export function useRegionDrillDown<Row extends DrillDownRow, Meta extends DrillDownMeta<unknown>>(options: RegionDrillDownOptions<Row, Meta>) {
  const route = useRoute()
  const regionId = computed(() => queryNumber(route.query.region))
  const linkQuery = computed(() => options.linkQuery?.() ?? {})

  const rows = shallowRef<Row[]>([])
  const meta = shallowRef<Meta | null>(null) as ShallowRef<Meta | null>
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
    () => JSON.stringify([regionId.value, linkQuery.value]),
    () => {
      if (route.name === options.routeName) void load()
    },
    { immediate: true }
  )

  const breadcrumb = computed(() => meta.value?.breadcrumb ?? [])
  const nameLabel = computed(() => (meta.value ? LEVEL_NAMES[meta.value.childLevel] : '名称'))
  const freshAt = computed(() => formatDateTime(meta.value?.freshAt))
  const exportUrl = computed(() => options.exportUrl(regionId.value))
  /** the region on screen: the answered one, else the one asked for */
  const currentRegionId = computed(() => meta.value?.region.id ?? regionId.value)

  function regionLink(id: number): RouteLocationRaw {
    return { name: options.routeName, query: { ...linkQuery.value, region: String(id) } }
  }

  /** name cell: drill down one level, or open the shared estate page at the last level */
  function nameLink(row: Row): RouteLocationRaw {
    return row.level === 'estate' ? estateLink(row.id, options.estateTab) : regionLink(row.id)
  }

  return { regionId, currentRegionId, rows, meta, loading, errorMessage, load, breadcrumb, nameLabel, freshAt, exportUrl, linkQuery, regionLink, nameLink }
}
