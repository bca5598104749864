import type { HttpContext } from '@adonisjs/core/http'
import { metricCell, notices, noticeStatistics, type NoticeStatsRecipient } from '@szpm/core'
import { excelTime, streamExcel } from '#services/excel_export'
import { statisticsEnvelope } from '#statistics/statistics_controller'
import { statisticsColumns, statisticsExportRows } from '#statistics/statistics_export'
import NoticeStatsService from '#modules/notices/notice_stats_service'
import { noticeStatsRecipientsValidator, noticeStatsValidator } from '#modules/notices/notice_stats_validator'

/**
 * 查看全部统计 of one notice (`notice_stats.*`): validate → scope (the service: a notice outside the
 * user's region, a region outside the notice's street or an estate the notice did not reach is a
 * 404) → warehouse figures per child region, or the recipients of one estate from PostgreSQL.
 */
export default class NoticeStatsController {
  #service = new NoticeStatsService()

  async #regionStats({ request, params, auth }: HttpContext) {
    const { region_id } = await request.validateUsing(noticeStatsValidator, { data: request.qs() })
    return this.#service.forRegion(auth.getUserOrFail(), Number(params.id), region_id)
  }

  async #recipients({ request, params, auth }: HttpContext) {
    const { estate_id } = await request.validateUsing(noticeStatsRecipientsValidator, { data: request.qs() })
    return this.#service.recipients(auth.getUserOrFail(), Number(params.id), estate_id)
  }

  /** GET notices/:id/stats — the notice's read figures per child region of `region_id` (default: its street) */
  async show(ctx: HttpContext) {
    const { visible, result } = await this.#regionStats(ctx)
    return statisticsEnvelope(result, { notice: visible.notice })
  }

  /** GET notices/:id/stats/export — the same table as an .xlsx, ending with 合计 */
  async export(ctx: HttpContext) {
    const { visible, result } = await this.#regionStats(ctx)
    const fileName = ['通知阅读统计', visible.notice.title, result.region.name].join('-')
    await streamExcel(ctx, fileName, '通知阅读统计', statisticsColumns(notices, result.level), statisticsExportRows(result))
  }

  /** GET notices/:id/stats/recipients?estate_id= — who received it at the estate and when each read it */
  async recipients(ctx: HttpContext) {
    const { rows, meta } = await this.#recipients(ctx)
    return { data: rows, meta }
  }

  /** GET notices/:id/stats/recipients/export?estate_id= — the recipient table as an .xlsx */
  async recipientsExport(ctx: HttpContext) {
    const { rows, meta } = await this.#recipients(ctx)
    const fileName = ['通知接收人', meta.notice.title, meta.estate.name].join('-')
    const rate = noticeStatistics.metrics.readRate
    const summary = `已读 ${meta.totals.read} / ${meta.totals.recipients}，阅读率 ${metricCell(rate.format, meta.totals.readRate)}`
    await streamExcel<NoticeStatsRecipient | { summary: string }>(ctx, fileName, '通知接收人', [
      { header: '物业项目', width: 28, value: (row) => ('summary' in row ? '合计' : meta.estate.name) },
      { header: '接收人', width: 16, value: (row) => ('summary' in row ? '' : row.name) },
      { header: '身份', width: 14, value: (row) => ('summary' in row ? '' : row.relationName) },
      { header: '阅读状态', width: 12, value: (row) => ('summary' in row ? row.summary : row.readAt ? '已读' : '未读') },
      { header: '阅读时间', width: 22, value: (row) => ('summary' in row ? '' : excelTime(row.readAt)) },
    ], [...rows, { summary }])
  }
}
