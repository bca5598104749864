/**
 * The handlers of the routes 招标投标管理 (module 21) declares in core/src/modules/tenders.ts.
 * start/routes.ts registers them from the declaration (path, method, feature).
 */
import type { RouteHandlers } from '#start/route_handlers'

const TendersController = () => import('#modules/tenders/tenders_controller')
const TenderProgressController = () => import('#modules/tenders/tender_progress_controller')
const BiddingEventsController = () => import('#modules/tenders/bidding_events_controller')
const TendersStatsController = () => import('#modules/tenders/tenders_stats_controller')

export default {
  'tenders.index': [TendersController, 'index'],
  'tenders.export': [TendersController, 'export'],
  'tender_attachments.upload': [TendersController, 'upload'],
  'tenders.store': [TendersController, 'store'],
  'tenders.show': [TendersController, 'show'],
  'tender_attachments.download': [TendersController, 'download'],
  'tender_receipts.download': [TendersController, 'receipt'],
  'tenders.resubmit': [TendersController, 'resubmit'],
  'tenders.first_review': [TendersController, 'firstReview'],
  'tenders.final_review': [TendersController, 'finalReview'],
  'tender_progress.index': [TenderProgressController, 'index'],
  'tender_progress.export': [TenderProgressController, 'export'],
  'tender_progress.show': [TenderProgressController, 'show'],
  'tender_clarifications.store': [TenderProgressController, 'clarify'],
  'tender_clarification_files.download': [TenderProgressController, 'download'],
  'bidding_events.store': [BiddingEventsController, 'store'],
  'tenders_stats.index': [TendersStatsController, 'index'],
  'tenders_stats.export': [TendersStatsController, 'export'],
} satisfies RouteHandlers
