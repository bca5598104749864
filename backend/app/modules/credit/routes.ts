/**
 * The handlers of the routes 信用信息 (module 7) declares in core/src/modules/credit.ts.
 */
import type { RouteHandlers } from '#start/route_handlers'

const CreditStatsController = () => import('#modules/credit/credit_stats_controller')
const CreditTrendController = () => import('#modules/credit/credit_trend_controller')
const CreditRecordsController = () => import('#modules/credit/credit_records_controller')
const CreditSubjectsController = () => import('#modules/credit/credit_subjects_controller')

export default {
  'credit_stats.index': [CreditStatsController, 'index'],
  'credit_stats.export': [CreditStatsController, 'export'],
  'credit_trend.index': [CreditTrendController, 'index'],
  'credit_trend.export': [CreditTrendController, 'export'],
  'credit_records.index': [CreditRecordsController, 'index'],
  'credit_records.export': [CreditRecordsController, 'export'],
  'credit_subjects.index': [CreditSubjectsController, 'index'],
  'credit_subjects.show': [CreditSubjectsController, 'show'],
  'credit_records.store': [CreditSubjectsController, 'storeRecord'],
  'credit_records.update': [CreditSubjectsController, 'updateRecord'],
  'credit_records.destroy': [CreditSubjectsController, 'destroyRecord'],
  'credit_attachments.upload': [CreditSubjectsController, 'upload'],
  'credit_attachments.download': [CreditSubjectsController, 'download'],
} satisfies RouteHandlers
