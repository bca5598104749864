import { computed, shallowRef, watch, type ShallowRef } from 'vue'
import { useRoute, type RouteLocationRaw } from 'vue-router'
import type { Envelope } from '@szpm/api'
import { childLevelName, formatDateTime, regionTarget, rowTarget, type DrillDownMeta, type DrillDownRow, type DrillTarget } from '@szpm/core'
import { queryNumber } from '@/utils/format'
import { useLatestRequest } from '@/composables/useLatestRequest'

export type { DrillDownMeta, DrillDownRow }

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

/** A drill-down target (core/src/drill_down.ts) as a location of this app's router. */
export function drillLocation(target: DrillTarget, routeName: string): RouteLocationRaw {
  return target.kind === 'estate' ? { name: 'estate', params: { id: target.id }, query: target.query } : { name: routeName, query: target.query }
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
  const nameLabel = computed(() => childLevelName(meta.value))
  const freshAt = computed(() => formatDateTime(meta.value?.freshAt))
  const exportUrl = computed(() => options.exportUrl(regionId.value))
  /** the region on screen: the answered one, else the one asked for */
  const currentRegionId = computed(() => meta.value?.region.id ?? regionId.value)

  function regionLink(id: number): RouteLocationRaw {
    return drillLocation(regionTarget(id, linkQuery.value), options.routeName)
  }

  /** name cell: drill down one level, or open the shared estate page at the last level */
  function nameLink(row: Row): RouteLocationRaw {
    return drillLocation(rowTarget(row, linkQuery.value, options.estateTab), options.routeName)
  }

  return { regionId, currentRegionId, rows, meta, loading, errorMessage, load, breadcrumb, nameLabel, freshAt, exportUrl, linkQuery, regionLink, nameLink }
}
