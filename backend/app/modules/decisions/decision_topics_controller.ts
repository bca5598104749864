import type { HttpContext } from '@adonisjs/core/http'
import { decisionsStatistics, recordsExportColumns, type DecisionTopicRow } from '@szpm/core'
import type User from '#models/user'
import { findEstateInScope, findRegionInScope } from '#services/region_scope'
import { inBatches, recordsFileName, streamExcel, type ExcelTable } from '#services/excel_export'
import { decisionTopicListValidator } from '#modules/decisions/decisions_validator'
import { decisionTopicQuery, withFigures, type DecisionTopicFilters } from '#modules/decisions/decision_topic_query'
import { transformDecisionTopic } from '#modules/decisions/decisions_transformer'

/** the region and filters of a topics request; an estate outside the user's scope is a 404 */
async function scoped(user: User, qs: Record<string, unknown>) {
  const { region_id, page = 1, per_page = 20, ...filters } = await decisionTopicListValidator.validate(qs)
  const region = await findRegionInScope(user, region_id)
  if (filters.estate_id) await findEstateInScope(user, filters.estate_id)
  return { region, filters: filters as DecisionTopicFilters, page, perPage: per_page }
}

/** 表决议题 (`decision_topics.*`): the topics behind a 业主决策情况 number with the tally's numbers, paged, and its export. */
export default class DecisionTopicsController {
  async index({ request, auth }: HttpContext) {
    const { region, filters, page, perPage } = await scoped(auth.getUserOrFail(), request.qs())
    const [{ total }] = await decisionTopicQuery(region, filters).count('* as total')
    const rows = await withFigures(decisionTopicQuery(region, filters)).limit(perPage).offset((page - 1) * perPage)
    return { data: rows.map(transformDecisionTopic), meta: { total: Number(total), page, perPage } }
  }

  /** the records export as a sheet: the download, or a background run of 导出中心 */
  static async table(user: User, qs: Record<string, unknown>): Promise<ExcelTable<DecisionTopicRow>> {
    const { region, filters } = await scoped(user, qs)
    const fileName = await recordsFileName('表决议题', user, region, filters.estate_id)
    async function* rows() {
      for await (const row of inBatches<Record<string, any>>(() => withFigures(decisionTopicQuery(region, filters)))) yield transformDecisionTopic(row)
    }
    const total = async () => {
      const [{ total: count }] = await decisionTopicQuery(region, filters).count('* as total')
      return Number(count)
    }
    return { fileName, sheetName: '表决议题', columns: recordsExportColumns(decisionsStatistics.records!), rows: rows(), total }
  }

  async export(ctx: HttpContext) {
    const sheet = await DecisionTopicsController.table(ctx.auth.getUserOrFail(), ctx.request.qs())
    await streamExcel<DecisionTopicRow>(ctx, sheet.fileName, sheet.sheetName, sheet.columns, sheet.rows)
  }
}
