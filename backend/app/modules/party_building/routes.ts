/**
 * The handlers of the routes 党建园地 (module 24) declares in core/src/modules/party_building.ts.
 * start/routes.ts registers them from the declaration (path, method, feature).
 */
import type { RouteHandlers } from '#start/route_handlers'

const PartyBuildingStatsController = () => import('#modules/party_building/party_building_stats_controller')
const CommitteeMembersController = () => import('#modules/party_building/committee_members_controller')
const OpinionCollectionsController = () => import('#modules/party_building/opinion_collections_controller')

export default {
  'party_building_stats.index': [PartyBuildingStatsController, 'index'],
  'party_building_stats.export': [PartyBuildingStatsController, 'export'],
  'committee_members.index': [CommitteeMembersController, 'index'],
  'committee_members.export': [CommitteeMembersController, 'export'],
  'opinion_collections.index': [OpinionCollectionsController, 'index'],
  'opinion_collections.stats': [OpinionCollectionsController, 'stats'],
  'opinion_collections.show': [OpinionCollectionsController, 'show'],
} satisfies RouteHandlers
