/** 党建园地 (module 24): 民意征集 — the street's collections, one with its answers, the numbers per region. Its 党建统计 and committee members go through ./statistics.ts. */
import type { Http, Query } from './http.ts'
import type { OpinionCollectionDetail, OpinionCollectionRow, OpinionStatsRow, PageMeta, RegionRef } from './types.ts'

export interface OpinionCollectionQuery {
  region_id?: number
  q?: string
  page?: number
  per_page?: number
}

export function partyBuildingApi(http: Http) {
  return {
    /** the collections of the user's street(s), latest first, with the responses from the region */
    opinions: (query: OpinionCollectionQuery = {}) => http.call<OpinionCollectionRow[], PageMeta>('opinion_collections.index', { query: query as Query }),
    /** one collection with every question's answer distribution and its responses per community */
    opinion: (id: number) => http.call<OpinionCollectionDetail>('opinion_collections.show', { params: { id } }),
    /** per child region of `region_id` (default: the user's): collections and responses */
    opinionStats: (regionId?: number) =>
      http.call<OpinionStatsRow[], { totals: { collections: number; responses: number }; childLevel: string; region: RegionRef }>('opinion_collections.stats', {
        query: (regionId ? { region_id: regionId } : {}) as Query,
      }),
  }
}
