import { computed, ref, watch, type Ref } from 'vue'
import { useRoute, useRouter, type RouteLocationRaw } from 'vue-router'
import type { RegionRef } from '@szpm/api'
import { regionTarget, type DrillDownMeta as CoreDrillDownMeta, type DrillDownRow } from '@szpm/core'
import { useLatestRequest } from '@/composables/useLatestRequest'
import { queryId } from '@/utils/query'

/** what every per-region statistics route returns beside its rows (the part this composable reads) */
export type DrillDownMeta = Pick<CoreDrillDownMeta, 'region' | 'breadcrumb'>

export type { DrillDownRow }

/** a tappable number on a row that opens a filtered list (穿透) */
export interface DrillNumber<Key extends string = string> {
  key: Key
  label: string
  /** formatted */
  value: string
  zero: boolean
  to: RouteLocationRaw
}

export interface RegionDrillDownOptions<Row, Meta> {
  /** the page's path; drilling down stays on it with ?region=<id> */
  path: string
  fetch: (regionId?: number) => Promise<{ rows: Row[]; meta: Meta }>
  /** query every drill-down link carries besides ?region (e.g. the evaluation period) */
  linkQuery?: () => Record<string, string | undefined>
  /** where an estate row goes (the shared estate page) */
  estateLink: (id: number) => RouteLocationRaw
}

/**
 * One drill-down step of a region stats page with pull-to-refresh: follows `?region=` (absent = the
 * user's own region, the backend decides) and opens rows, crumbs and numbers.
 */
export function useRegionDrillDown<Row extends DrillDownRow, Meta extends DrillDownMeta>(
  options: RegionDrillDownOptions<Row, Meta>
) {
  const route = useRoute()
  const router = useRouter()

  const rows = ref([]) as Ref<Row[]>
  const meta = ref(null) as Ref<Meta | null>
  const refreshing = ref(false)
  const { loading, error, run } = useLatestRequest()

  const regionId = computed(() => queryId(route.query.region))
  const breadcrumb = computed<RegionRef[]>(() => meta.value?.breadcrumb ?? [])

  function load(): Promise<void> {
    return run(
      () => options.fetch(regionId.value),
      (result) => {
        rows.value = result.rows
        meta.value = result.meta
      },
      () => {
        refreshing.value = false
      }
    )
  }

  async function refresh(): Promise<void> {
    refreshing.value = true
    await load()
  }

  // the page is reused when only ?region changes, so follow the query (but not while leaving)
  watch(
    regionId,
    () => {
      if (route.path === options.path) void load()
    },
    { immediate: true }
  )

  function openRegion(id: number): void {
    void router.push({ path: options.path, query: regionTarget(id, options.linkQuery?.()).query })
  }

  function openRow(row: Row): void {
    if (row.level === 'estate') void router.push(options.estateLink(row.id))
    else openRegion(row.id)
  }

  function openCrumb(crumb: RegionRef): void {
    if (crumb.id !== meta.value?.region.id) openRegion(crumb.id)
  }

  function openNumber(item: DrillNumber): void {
    void router.push(item.to)
  }

  return { regionId, rows, meta, loading, refreshing, error, breadcrumb, load, refresh, openRow, openCrumb, openNumber }
}
