/** The handlers of the routes 信息公开 (module 16) declares in core/src/modules/disclosures.ts. */
import type { RouteHandlers } from '#start/route_handlers'

const DisclosuresController = () => import('#modules/disclosures/disclosures_controller')
const DisclosureStatsController = () => import('#modules/disclosures/disclosure_stats_controller')
const DisclosureTemplatesController = () => import('#modules/disclosures/disclosure_templates_controller')

export default {
  'disclosure_templates.index': [DisclosureTemplatesController, 'index'],
  'disclosure_templates.store': [DisclosureTemplatesController, 'store'],
  'disclosure_templates.update': [DisclosureTemplatesController, 'update'],
  'disclosures.index': [DisclosuresController, 'index'],
  'disclosures.export': [DisclosuresController, 'export'],
  'disclosures.estates': [DisclosuresController, 'estates'],
  'disclosures.preview': [DisclosuresController, 'preview'],
  'disclosures.store': [DisclosuresController, 'store'],
  'disclosures.show': [DisclosuresController, 'show'],
  'disclosures.update': [DisclosuresController, 'update'],
  'disclosures.publish': [DisclosuresController, 'publish'],
  'disclosures.void': [DisclosuresController, 'void'],
  'disclosures.destroy': [DisclosuresController, 'destroy'],
  'disclosure_board.index': [DisclosuresController, 'board'],
  'disclosure_board.show': [DisclosuresController, 'boardItem'],
  'disclosure_stats.index': [DisclosureStatsController, 'index'],
  'disclosure_stats.export': [DisclosureStatsController, 'export'],
} satisfies RouteHandlers
