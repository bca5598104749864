/** 物业区域管理 (module 20): the area list and its map, 设施设备 list, add / edit / delete, export, template and the Excel import. */
import { uploadFile, type Http, type Query } from './http.ts'
import type { EquipmentCategory, EquipmentStatus } from '../modules/areas.ts'
import type { EquipmentImportRow, EquipmentListMeta, EquipmentRow } from './types.ts'

export interface EquipmentQuery {
  region_id?: number
  estate_id?: number
  category?: EquipmentCategory
  status?: EquipmentStatus
  q?: string
  page?: number
  per_page?: number
}

/** the area list's query: the 项目管理 filters plus one map query (WGS-84 `lng,lat`) */
export interface AreaEstateQuery {
  region_id?: number
  /** one estate (the estate page's 物业区域信息) */
  estate_id?: number
  q?: string
  estate_type?: string
  has_committee?: boolean
  /** a rectangle: `minLng,minLat,maxLng,maxLat` */
  bbox?: string
  /** a polygon: `lng,lat;lng,lat;…` (at least 3 vertices, not self-crossing) */
  polygon?: string
  /** a clicked point: `lng,lat` — the estates whose boundary holds it (an edge counts) */
  point?: string
  page?: number
  per_page?: number
}

/** one estate of the area list */
export interface AreaEstateRow {
  id: number
  name: string
  type: string
  address: string
  districtName: string
  streetName: string
  communityName: string
  companyName: string | null
  houseCount: number
  buildingArea: number
  hasCommittee: boolean
  /** WGS-84 */
  lng: number | null
  lat: number | null
}

export interface AreaEstateListMeta {
  total: number
  page: number
  perPage: number
}

/** a GeoJSON Polygon (WGS-84) */
export interface PolygonGeometry {
  type: 'Polygon'
  coordinates: [number, number][][]
}

/** the map's layers: the regions of the scope and its estates (points and boundaries), WGS-84 */
export interface AreaMapLayers {
  regions: { id: number; name: string; level: 'district' | 'street' | 'community'; boundary: PolygonGeometry }[]
  estates: { id: number; name: string; lng: number; lat: number; boundary: PolygonGeometry | null }[]
  /** [minLng, minLat, maxLng, maxLat] of everything shown, null when there is nothing */
  bounds: [number, number, number, number] | null
}

/** how the map is drawn: the offline layer (default) or online tiles configured by env */
export interface AreaMapConfig {
  /** null: no online tiles, the offline layer of generated boundaries only */
  tileUrl: string | null
  tileAttribution: string | null
  /** the coordinate system of the tiles: a Chinese provider's GCJ-02 needs our WGS-84 converted */
  tileCrs: 'wgs84' | 'gcj02'
}

export interface EquipmentInput {
  estate_id: number
  code: string
  name: string
  category: EquipmentCategory
  location?: string
  quantity?: number
  commissioned_on?: string | null
  status?: EquipmentStatus
}

export function areasApi(http: Http, baseUrl = '') {
  return {
    areaEstates: (query: AreaEstateQuery = {}) => http.call<AreaEstateRow[], AreaEstateListMeta>('area_estates.index', { query: query as Query }),
    areaEstatesExportUrl: (query: Omit<AreaEstateQuery, 'page' | 'per_page'> = {}) => http.url('area_estates.export', { query: query as Query }),
    areaMap: (regionId?: number) => http.call<AreaMapLayers, AreaMapConfig>('area_map.index', { query: (regionId ? { region_id: regionId } : {}) as Query }),
    equipment: (query: EquipmentQuery = {}) => http.call<EquipmentRow[], EquipmentListMeta>('equipment.index', { query: query as Query }),
    equipmentExportUrl: (query: Omit<EquipmentQuery, 'page' | 'per_page'> = {}) => http.url('equipment.export', { query: query as Query }),
    addEquipment: (input: EquipmentInput) => http.call<EquipmentRow>('equipment.store', { body: input }),
    updateEquipment: (id: number, input: Partial<Omit<EquipmentInput, 'estate_id'>> & { version: number }) =>
      http.call<EquipmentRow>('equipment.update', { params: { id }, body: input }),
    deleteEquipment: (id: number, version: number) => http.call<{ id: number }>('equipment.destroy', { params: { id }, body: { version } }),
    templateUrl: () => http.url('equipment_imports.template', {}),
    /** uploads an .xlsx; the import runs as a background job (poll `importStatus`) */
    startImport: (file: Blob, fileName: string) => uploadFile<EquipmentImportRow>(baseUrl, 'equipment_imports.store', file, fileName),
    importStatus: (id: number) => http.call<EquipmentImportRow>('equipment_imports.show', { params: { id } }),
    reportUrl: (id: number) => http.url('equipment_imports.report', { params: { id } }),
  }
}
