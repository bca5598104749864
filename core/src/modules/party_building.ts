import { defineModule } from './types.ts'
import { partyBuildingStatistics } from './party_building_statistics.ts'

/**
 * 党建园地 (module 24): 党建统计 per region down to the estate (estates with a 党组织, owners' committee
 * members and the party members among them, 红色物业 projects) with the committee members behind the
 * numbers (穿透) and exports; 民意征集: the street's public-opinion collections (title, period,
 * questions, responses) with each question's answer distribution, and the responses per street and
 * community. Party secretaries (党支部书记) are the main users. docs/party_building.md.
 */
export const partyBuilding = defineModule({
  no: 24,
  name: '党建园地',
  slug: 'party_building',
  status: 'live',
  group: 'statistics',
  features: { 'party_building.view': '查看', 'party_building.export': '导出' },
  routes: [
    { name: 'party_building_stats.index', method: 'GET', path: 'stats/party_building', access: 'party_building.view', label: '党建统计', scoped: true, query: ['region_id'] },
    { name: 'party_building_stats.export', method: 'GET', path: 'stats/party_building/export', access: 'party_building.export', label: '导出党建统计', scoped: true, query: ['region_id'] },
    { name: 'committee_members.index', method: 'GET', path: 'party_building/committee_members', access: 'party_building.view', label: '业委会成员名单', scoped: true, query: ['region_id', 'estate_id', 'role', 'party_member', 'q', 'page', 'per_page'] },
    { name: 'committee_members.export', method: 'GET', path: 'party_building/committee_members/export', access: 'party_building.export', label: '导出业委会成员名单', scoped: true, query: ['region_id', 'estate_id', 'role', 'party_member', 'q'] },
    { name: 'opinion_collections.index', method: 'GET', path: 'party_building/opinions', access: 'party_building.view', label: '民意征集列表', scoped: true, query: ['region_id', 'q', 'page', 'per_page'] },
    { name: 'opinion_collections.stats', method: 'GET', path: 'party_building/opinions/stats', access: 'party_building.view', label: '民意征集统计', scoped: true, query: ['region_id'] },
    { name: 'opinion_collections.show', method: 'GET', path: 'party_building/opinions/:id', access: 'party_building.view', label: '民意征集详情', params: { id: 'id' }, scoped: true },
  ],
  pages: [
    { name: 'party_building', path: '/party-building', title: '党建园地', feature: 'party_building.view', apps: ['pc', 'h5'], menu: true },
    { name: 'party-building-members', path: '/party-building/members', title: '业委会成员名单', feature: 'party_building.view', apps: ['pc', 'h5'], menu: true },
    { name: 'opinions', path: '/party-building/opinions', title: '民意征集', feature: 'party_building.view', apps: ['pc', 'h5'], menu: true },
    { name: 'opinion-detail', path: '/party-building/opinions/:id(\\d+)', title: '民意征集详情', feature: 'party_building.view', apps: ['pc', 'h5'] },
  ],
  tile: { label: '党建园地', icon: 'flag-o', page: 'party_building' },
  estateTab: { label: '党建信息', feature: 'party_building.view' },
  statistics: partyBuildingStatistics,
})
