import { computed, ref, shallowRef } from 'vue'
import { useRouter } from 'vue-router'
import type { AreaEstateListMeta, AreaEstateRow, AreaMapConfig, AreaMapLayers } from '@szpm/api'
import { api } from '@/api/client'
import { session } from '@/stores/session'
import { usePagedQueryList } from '@/composables/usePagedQueryList'
import { failureMessage } from '@/utils/feedback'
import { queryString } from '@/utils/format'
import type { DrawMode, MapQuery } from './AreaMap.vue'

type AreaFilters = { q?: string; estate_type?: string; has_committee?: string; bbox?: string; polygon?: string; point?: string }

export const ESTATE_TYPE_OPTIONS = ['住宅', '商业', '办公', '混合'].map((value) => ({ value, label: value }))
export const COMMITTEE_OPTIONS = [{ value: 'true', label: '已成立业委会' }, { value: 'false', label: '未成立业委会' }]
export const MODE_LABELS: Record<DrawMode, string> = { browse: '浏览', rectangle: '画矩形', polygon: '画多边形', point: '点选' }

/**
 * 物业区域: the estates of the user's scope by name, type, 业委会 and a map query (the map emits it,
 * the server filters); the query lives in the URL like every filter, the export takes the same; 详情
 * opens the shared estate page on its 物业区域信息 tab.
 */
export function useAreas() {
  const router = useRouter()
  const canExport = session.can('areas.export')
  const list = usePagedQueryList<AreaFilters, AreaEstateRow, AreaEstateListMeta>({
    routeName: 'areas',
    fields: {
      q: { param: 'q', parse: queryString },
      estate_type: { param: 'estate_type', parse: queryString },
      has_committee: { param: 'has_committee', parse: queryString },
      bbox: { param: 'bbox', parse: queryString },
      polygon: { param: 'polygon', parse: queryString },
      point: { param: 'point', parse: queryString },
    },
    scopeKeys: [],
    formKeys: ['q', 'estate_type', 'has_committee', 'bbox', 'polygon', 'point'],
    fetch: ({ has_committee, ...query }) => api.areas.areaEstates({ ...query, has_committee: has_committee === undefined ? undefined : has_committee === 'true' }),
    exportUrl: ({ has_committee, ...query }) => api.areas.areaEstatesExportUrl({ ...query, has_committee: has_committee === undefined ? undefined : has_committee === 'true' }),
  })

  const layers = shallowRef<AreaMapLayers | null>(null)
  const config = shallowRef<AreaMapConfig | null>(null)
  const layersError = ref('')
  async function loadLayers() {
    layersError.value = ''
    try {
      const answer = await api.areas.areaMap()
      config.value = answer.meta
      layers.value = answer.data
    } catch (error) {
      layersError.value = failureMessage(error)
    }
  }
  void loadLayers()

  const mode = ref<DrawMode>('browse')
  const mapQuery = computed<MapQuery>(() => ({ bbox: list.filters.value.bbox, polygon: list.filters.value.polygon, point: list.filters.value.point }))
  const hasMapQuery = computed(() => Boolean(mapQuery.value.bbox || mapQuery.value.polygon || mapQuery.value.point))
  const highlighted = computed(() => list.rows.value.map((row) => row.id))

  /** a drawn shape replaces the previous one; the name and the other filters stay */
  function queryMap(query: MapQuery) {
    list.form.bbox = query.bbox ?? ''
    list.form.polygon = query.polygon ?? ''
    list.form.point = query.point ?? ''
    list.search()
  }

  function clearMapQuery() {
    queryMap({})
  }

  function openEstate(id: number) {
    void router.push({ name: 'estate', params: { id }, query: { tab: 'areas' } })
  }

  return { list, canExport, layers, config, layersError, loadLayers, mode, mapQuery, hasMapQuery, highlighted, queryMap, clearMapQuery, openEstate }
}
