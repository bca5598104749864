import type { HttpContext } from '@adonisjs/core/http'
import { recordsExportColumns, trainingStatistics } from '@szpm/core'
import type User from '#models/user'
import { findRegionInScope } from '#services/region_scope'
import { inBatches, recordsFileName, streamExcel, type ExcelTable } from '#services/excel_export'
import { MASKED, personalData, type PersonalDataView } from '#services/masking'
import { learningRecordQuery } from '#modules/training/training_records_query'
import { transformLearningRecord, type LearningRecordRow } from '#modules/training/training_transformer'
import { learningRecordListValidator } from '#modules/training/training_validator'

/** 学习记录 (`training_records.*`): the PostgreSQL learning records behind a 学习情况统计 number, paged, and its export. */
export default class TrainingRecordsController {
  async index(ctx: HttpContext) {
    const { region_id, page = 1, per_page = 20, ...filters } = await ctx.request.validateUsing(learningRecordListValidator, { data: ctx.request.qs() })
    const region = await findRegionInScope(ctx.auth.getUserOrFail(), region_id)
    const query = learningRecordQuery(region, filters)
    const [{ total }] = await query.clone().clearSelect().clearOrder().count('* as total')
    const rows = await query.limit(per_page).offset((page - 1) * per_page)
    const personal = await personalData(ctx, { target: '学习记录' })
    return { data: rows.map((row) => transformLearningRecord(row, personal)), meta: { total: Number(total), page, perPage: per_page } }
  }

  /** the records export as a sheet: the download, or a background run of 导出中心 (masked there: no request) */
  static async table(user: User, qs: Record<string, unknown>, personal: PersonalDataView = MASKED): Promise<ExcelTable<LearningRecordRow>> {
    const { region_id, page: _page, per_page: _perPage, ...filters } = await learningRecordListValidator.validate(qs)
    const region = await findRegionInScope(user, region_id)
    const fileName = await recordsFileName('学习记录', user, region, filters.estate_id)
    async function* rows() {
      for await (const row of inBatches<Record<string, any>>(() => learningRecordQuery(region, filters))) yield transformLearningRecord(row, personal)
    }
    const total = async () => {
      const [{ total: count }] = await learningRecordQuery(region, filters).clearSelect().clearOrder().count('* as total')
      return Number(count)
    }
    return { fileName, sheetName: '学习记录', columns: recordsExportColumns(trainingStatistics.records!), rows: rows(), total }
  }

  async export(ctx: HttpContext) {
    const sheet = await TrainingRecordsController.table(ctx.auth.getUserOrFail(), ctx.request.qs(), await personalData(ctx, { target: '导出学习记录' }))
    await streamExcel<LearningRecordRow>(ctx, sheet.fileName, sheet.sheetName, sheet.columns, sheet.rows)
  }
}
