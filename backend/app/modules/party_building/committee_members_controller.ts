import type { HttpContext } from '@adonisjs/core/http'
import { partyBuildingStatistics, recordsExportColumns, type CommitteeMemberRow } from '@szpm/core'
import type User from '#models/user'
import { findRegionInScope } from '#services/region_scope'
import { inBatches, recordsFileName, streamExcel, type ExcelTable } from '#services/excel_export'
import { committeeMemberListValidator } from '#modules/party_building/party_building_validator'
import { committeeMemberQuery } from '#modules/party_building/committee_member_query'
import { transformCommitteeMember } from '#modules/party_building/party_building_transformer'

/** 业委会成员名单 (`committee_members.*`): the PostgreSQL committee members behind a 党建统计 number, paged, and its export. */
export default class CommitteeMembersController {
  async index({ request, auth }: HttpContext) {
    const { region_id, page = 1, per_page = 20, ...filters } = await request.validateUsing(committeeMemberListValidator, { data: request.qs() })
    const region = await findRegionInScope(auth.getUserOrFail(), region_id)
    const query = committeeMemberQuery(region, filters)
    const [{ total }] = await query.clone().clearSelect().clearOrder().count('* as total')
    const rows = await query.limit(per_page).offset((page - 1) * per_page)
    return { data: rows.map(transformCommitteeMember), meta: { total: Number(total), page, perPage: per_page } }
  }

  /** the records export as a sheet: the download, or a background run of 导出中心 */
  static async table(user: User, qs: Record<string, unknown>): Promise<ExcelTable<CommitteeMemberRow>> {
    const { region_id, page: _page, per_page: _perPage, ...filters } = await committeeMemberListValidator.validate(qs)
    const region = await findRegionInScope(user, region_id)
    const fileName = await recordsFileName('业委会成员名单', user, region, filters.estate_id)
    async function* rows() {
      for await (const row of inBatches<Record<string, any>>(() => committeeMemberQuery(region, filters))) yield transformCommitteeMember(row)
    }
    const total = async () => {
      const [{ total: count }] = await committeeMemberQuery(region, filters).clearSelect().clearOrder().count('* as total')
      return Number(count)
    }
    return { fileName, sheetName: '业委会成员名单', columns: recordsExportColumns(partyBuildingStatistics.records!), rows: rows(), total }
  }

  async export(ctx: HttpContext) {
    const sheet = await CommitteeMembersController.table(ctx.auth.getUserOrFail(), ctx.request.qs())
    await streamExcel<CommitteeMemberRow>(ctx, sheet.fileName, sheet.sheetName, sheet.columns, sheet.rows)
  }
}
