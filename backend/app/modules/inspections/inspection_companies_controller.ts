import type { HttpContext } from '@adonisjs/core/http'
import { findRegionInScope } from '#services/region_scope'
import { streamExcel, type ExcelColumn } from '#services/excel_export'
import { inspectionCountsByCompany } from '#modules/inspections/inspection_service'
import { transformInspectionCompany, type InspectionCompanyRow } from '#modules/inspections/inspection_transformer'
import { companyListValidator } from '#modules/inspections/inspection_validator'

const percent = (value: number) => `${(value * 100).toFixed(2)}%`
const COLUMNS: ExcelColumn<InspectionCompanyRow>[] = [
  { header: '物业服务企业', width: 30, value: (row) => row.companyName },
  { header: '检查项目数', width: 10, value: (row) => row.estates },
  { header: '检查任务数', width: 10, value: (row) => row.targets },
  { header: '已完成填报', width: 10, value: (row) => row.completed },
  { header: '待填报', width: 10, value: (row) => row.pending },
  { header: '逾期未填报', width: 10, value: (row) => row.overdue },
  { header: '完成率', width: 10, value: (row) => percent(row.completionRate) },
  { header: '发现问题', width: 10, value: (row) => row.problems },
  { header: '已整改问题', width: 10, value: (row) => row.rectifiedProblems },
  { header: '整改率', width: 10, value: (row) => percent(row.rectificationRate) },
]

/** 安全检查企业统计 (`inspection_companies.*`): per property company of the region, optionally one task. */
export default class InspectionCompaniesController {
  private async rows(ctx: HttpContext) {
    const { region_id, task_id, q } = await companyListValidator.validate(ctx.request.qs())
    const region = await findRegionInScope(ctx.auth.getUserOrFail(), region_id)
    return { region, rows: (await inspectionCountsByCompany(region, { taskId: task_id, q })).map(transformInspectionCompany) }
  }

  async index(ctx: HttpContext) {
    const { region, rows } = await this.rows(ctx)
    return { data: rows, meta: { total: rows.length, regionName: region.name } }
  }

  async export(ctx: HttpContext) {
    const { region, rows } = await this.rows(ctx)
    await streamExcel<InspectionCompanyRow>(ctx, `安全检查企业统计-${region.name}`, '企业统计', COLUMNS, rows)
  }
}
