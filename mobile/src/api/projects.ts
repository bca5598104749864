import type { EstateListQuery, EstateListRow, PageMeta, ProjectStatsMeta, ProjectStatsRow } from '@szpm/api'
import { api } from './client'

export interface ProjectStats {
  rows: ProjectStatsRow[]
  meta: ProjectStatsMeta
}

/** per-child-region estate profile numbers; regionId absent = the user's own region */
export async function fetchProjectStats(regionId?: number): Promise<ProjectStats> {
  const { data, meta } = await api.projects.stats(regionId)
  return { rows: data, meta }
}

export interface EstateListPage {
  rows: EstateListRow[]
  meta: PageMeta
}

export async function fetchEstateList(query: EstateListQuery): Promise<EstateListPage> {
  const { data, meta } = await api.estates.list(query)
  return { rows: data, meta }
}
