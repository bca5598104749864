/** 项目管理 (module 5): statistics and the estate list (物业项目基本信息). */
import type { Http, Query } from './http.ts'
import type { EstateListQuery, EstateListRow, PageMeta, ProjectStatsMeta, ProjectStatsRow } from './types.ts'

export function projectsApi(http: Http) {
  return {
    stats: (regionId?: number) => http.call<ProjectStatsRow[], ProjectStatsMeta>('project_stats.index', { query: { region_id: regionId } }),
    statsExportUrl: (regionId?: number) => http.url('project_stats.export', { query: { region_id: regionId } }),
  }
}

/** the estate list of 项目管理, kept under `api.estates` where the apps call it */
export function projectEstatesApi(http: Http) {
  return {
    list: (query: EstateListQuery) => http.call<EstateListRow[], PageMeta>('estates.index', { query: query as Query }),
    listExportUrl: (query: EstateListQuery) => http.url('estates.export', { query: query as Query }),
  }
}
