/**
 * The handlers of the routes 共有资金情况 (module 18) declares in core/src/modules/common_funds.ts;
 * start/routes.ts registers them from the declaration (path, method, feature).
 */
import type { RouteHandlers } from '#start/route_handlers'

const CommonFundStatsController = () => import('#modules/common_funds/common_fund_stats_controller')
const CommonFundEstatesController = () => import('#modules/common_funds/common_fund_estates_controller')
const CommonFundTransactionsController = () => import('#modules/common_funds/common_fund_transactions_controller')
const CommonFundBanksController = () => import('#modules/common_funds/common_fund_banks_controller')
const CommonFundEnforcementsController = () => import('#modules/common_funds/common_fund_enforcements_controller')

export default {
  'common_fund_stats.index': [CommonFundStatsController, 'index'],
  'common_fund_stats.export': [CommonFundStatsController, 'export'],
  'common_fund_estates.index': [CommonFundEstatesController, 'index'],
  'common_fund_estates.export': [CommonFundEstatesController, 'export'],
  'common_fund_transactions.index': [CommonFundTransactionsController, 'index'],
  'common_fund_transactions.export': [CommonFundTransactionsController, 'export'],
  'common_fund_banks.index': [CommonFundBanksController, 'index'],
  'common_fund_banks.export': [CommonFundBanksController, 'export'],
  'common_fund_enforcements.store': [CommonFundEnforcementsController, 'store'],
} satisfies RouteHandlers
