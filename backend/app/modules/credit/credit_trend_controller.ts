import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import { bind, raw, sql, type SqlFragment } from '@szpm/warehouse'
import type { CreditTrendRow } from '@szpm/core'
import type Region from '#models/region'
import type User from '#models/user'
import { creditTrendValidator } from '#modules/credit/credit_validator'
import { bankMonths } from '#modules/common_funds/common_fund_banks_controller'
import { findRegionInScope, regionRef } from '#services/region_scope'
import { fromWarehouse } from '#services/dependency_errors'
import { streamExcel, type ExcelColumn, type ExcelTable } from '#services/excel_export'
import { warehouseFreshAt } from '#statistics/statistics_service'
import clock from '#services/clock'

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1
const monthOf = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`

/** the estates of a region as the warehouse places them (estate_profile_facts), or every estate for the city */
function regionFilter(region: Region): SqlFragment {
  if (region.level === 'city') return raw('1 = 1')
  return sql`estate_id IN (SELECT estate_id FROM estate_profile_facts FINAL WHERE ${raw(`${region.level}_id`)} = ${bind(region.id, 'UInt32')})`
}

/**
 * 信用信息 统计 by month: per month from `from` to `to` (YYYY-MM, every month listed, zero when none), the
 * credit records decided in it on the region's estates, 良好 and 不良 — from the record-grain facts
 * (credit_record_facts, one row per record, FINAL), whatever their validity today.
 */
export async function creditTrendRows(region: Region, from: string, to: string): Promise<CreditTrendRow[]> {
  const warehouse = await app.container.make('warehouse')
  // only the key (estate_id) is filtered by WHERE: a record's date changes when it is edited and its
  // deleted flag when it is deleted, and ClickHouse 18.16 may move a WHERE on such a column to PREWHERE,
  // before FINAL picks the newest row; the -If conditions run after it
  const inMonths = sql`deleted = 0 AND decided_on >= ${bind(`${from}-01`, 'Date')} AND toStartOfMonth(decided_on) <= ${bind(`${to}-01`, 'Date')}`
  const query = sql`SELECT toString(toYYYYMM(decided_on)) AS ym, countIf(${inMonths}) AS records, countIf(${inMonths} AND polarity = 'good') AS good, countIf(${inMonths} AND polarity = 'bad') AS bad
FROM credit_record_facts FINAL
WHERE ${regionFilter(region)}
GROUP BY ym`
  const rows = await fromWarehouse(() => warehouse.query<{ ym: string; records: string | number; good: string | number; bad: string | number }>(query))
  const byMonth = new Map(rows.map((row) => [`${row.ym.slice(0, 4)}-${row.ym.slice(4, 6)}`, row]))
  const months: CreditTrendRow[] = []
  for (let index = monthIndex(from); index <= monthIndex(to); index++) {
    const month = monthOf(index)
    const row = byMonth.get(month)
    months.push({ month, records: Number(row?.records ?? 0), goodRecords: Number(row?.good ?? 0), badRecords: Number(row?.bad ?? 0) })
  }
  return months
}

async function run(user: User, qs: Record<string, unknown>) {
  const { region_id, from, to } = await creditTrendValidator.validate(qs)
  const months = bankMonths(from, to, clock.today())
  const region = await findRegionInScope(user, region_id)
  return { region, months, rows: await creditTrendRows(region, months.from, months.to) }
}

const COLUMNS: ExcelColumn<CreditTrendRow>[] = [
  { header: '月份', width: 10, value: (row) => row.month },
  { header: '信用记录(条)', width: 14, value: (row) => row.records },
  { header: '良好信息(条)', width: 14, value: (row) => row.goodRecords },
  { header: '不良信息(条)', width: 14, value: (row) => row.badRecords },
]

/** 信用信息 按月趋势 (`credit_trend.index` / `.export`): records by month, 良好 / 不良, of the region (default the user's). */
export default class CreditTrendController {
  async index({ request, auth }: HttpContext) {
    const { region, months, rows } = await run(auth.getUserOrFail(), request.qs())
    return { data: rows, meta: { region: regionRef(region), from: months.from, to: months.to, freshAt: await warehouseFreshAt() } }
  }

  static async table(user: User, qs: Record<string, unknown>): Promise<ExcelTable<CreditTrendRow>> {
    const { region, months, rows } = await run(user, qs)
    return { fileName: `信用信息按月趋势-${region.name}-${months.from}至${months.to}`, sheetName: '按月趋势', columns: COLUMNS, rows }
  }

  async export(ctx: HttpContext) {
    const sheet = await CreditTrendController.table(ctx.auth.getUserOrFail(), ctx.request.qs())
    await streamExcel<CreditTrendRow>(ctx, sheet.fileName, sheet.sheetName, sheet.columns, sheet.rows)
  }
}
