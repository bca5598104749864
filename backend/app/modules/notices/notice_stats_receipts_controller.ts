import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { noticeStatistics, recordsExportColumns, type NoticeReceiptRow, type NoticeRelation } from '@szpm/core'
import type User from '#models/user'
import { findRegionInScope } from '#services/region_scope'
import { inBatches, recordsFileName, streamExcel, type ExcelTable } from '#services/excel_export'
import { idField, pageField, perPageField } from '#validators/numbers'
import { noticeReceiptQuery } from '#modules/notices/notice_stats_receipts_query'

const RELATION_NAMES: Record<NoticeRelation, string> = { project_manager: '项目经理', committee_director: '业委会主任' }

/** the receipts list's query string */
export const noticeReceiptListValidator = vine.create({
  region_id: idField({ query: true }).optional(),
  estate_id: idField({ query: true }).optional(),
  notice_id: idField({ query: true }).optional(),
  read: vine.enum(['0', '1'] as const).optional(),
  q: vine.string().trim().maxLength(50).optional(),
  page: pageField().optional(),
  per_page: perPageField().optional(),
})

function transformReceipt(row: Record<string, any>): NoticeReceiptRow {
  return {
    receiptId: Number(row.receipt_id),
    noticeId: Number(row.notice_id),
    noticeTitle: row.notice_title,
    publishedAt: new Date(row.published_at).toISOString(),
    districtName: row.district_name,
    streetName: row.street_name,
    communityName: row.community_name,
    estateId: Number(row.estate_id),
    estateName: row.estate_name,
    recipientName: row.recipient_name,
    relation: row.relation,
    relationName: RELATION_NAMES[row.relation as NoticeRelation] ?? row.relation,
    read: row.read_at !== null,
    readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
  }
}

/** 通知接收记录 (`notice_receipts.*`): the PostgreSQL receipts behind a 通知阅读统计 number, paged, and its export. */
export default class NoticeReceiptsController {
  async index({ request, auth }: HttpContext) {
    const { region_id, page = 1, per_page = 20, ...filters } = await request.validateUsing(noticeReceiptListValidator, { data: request.qs() })
    const region = await findRegionInScope(auth.getUserOrFail(), region_id)
    const query = noticeReceiptQuery(region, filters)
    const [{ total }] = await query.clone().clearSelect().clearOrder().count('* as total')
    const rows = await query.limit(per_page).offset((page - 1) * per_page)
    return { data: rows.map(transformReceipt), meta: { total: Number(total), page, perPage: per_page } }
  }

  /** the records export as a sheet: the download, or a background run of 导出中心 */
  static async table(user: User, qs: Record<string, unknown>): Promise<ExcelTable<NoticeReceiptRow>> {
    const { region_id, page: _page, per_page: _perPage, ...filters } = await noticeReceiptListValidator.validate(qs)
    const region = await findRegionInScope(user, region_id)
    const fileName = await recordsFileName('通知接收记录', user, region, filters.estate_id)
    async function* rows() {
      for await (const row of inBatches<Record<string, any>>(() => noticeReceiptQuery(region, filters))) yield transformReceipt(row)
    }
    const total = async () => {
      const [{ total: count }] = await noticeReceiptQuery(region, filters).clearSelect().clearOrder().count('* as total')
      return Number(count)
    }
    return { fileName, sheetName: '通知接收记录', columns: recordsExportColumns(noticeStatistics.records!), rows: rows(), total }
  }

  async export(ctx: HttpContext) {
    const sheet = await NoticeReceiptsController.table(ctx.auth.getUserOrFail(), ctx.request.qs())
    await streamExcel<NoticeReceiptRow>(ctx, sheet.fileName, sheet.sheetName, sheet.columns, sheet.rows)
  }
}
