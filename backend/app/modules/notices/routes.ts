/**
 * The handlers of the routes 通知发布 (module 19) declares in core/src/modules/notices.ts. Importing
 * this file at boot also registers the notice read listener.
 */
import type { RouteHandlers } from '#start/route_handlers'
import '#modules/notices/notice_read_listener'

const NoticesController = () => import('#modules/notices/notices_controller')
const NoticeStatisticsController = () => import('#modules/notices/notice_stats_region_controller')
const NoticeStatsController = () => import('#modules/notices/notice_stats_controller')
const NoticeReceiptsController = () => import('#modules/notices/notice_stats_receipts_controller')

export default {
  'notices.index': [NoticesController, 'index'],
  'notices.export': [NoticesController, 'export'],
  'notices.estates': [NoticesController, 'estates'],
  'notices.store': [NoticesController, 'store'],
  'notice_attachments.upload': [NoticesController, 'upload'],
  'notices.show': [NoticesController, 'show'],
  'notice_recipients.export': [NoticesController, 'exportRecipients'],
  'notices.urge': [NoticesController, 'urge'],
  'received_notices.show': [NoticesController, 'received'],
  'notice_attachments.download': [NoticesController, 'download'],
  'notice_statistics.index': [NoticeStatisticsController, 'index'],
  'notice_statistics.export': [NoticeStatisticsController, 'export'],
  'notice_receipts.index': [NoticeReceiptsController, 'index'],
  'notice_receipts.export': [NoticeReceiptsController, 'export'],
  'notice_stats.show': [NoticeStatsController, 'show'],
  'notice_stats.export': [NoticeStatsController, 'export'],
  'notice_recipient_stats.index': [NoticeStatsController, 'recipients'],
  'notice_recipient_stats.export': [NoticeStatsController, 'recipientsExport'],
} satisfies RouteHandlers
