import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import { errors as vineErrors } from '@vinejs/vine'
import { bind, raw, sql, type SqlFragment } from '@szpm/warehouse'
import type Region from '#models/region'
import type User from '#models/user'
import { commonFundBankValidator } from '#modules/common_funds/common_fund_validator'
import { findRegionInScope, regionRef } from '#services/region_scope'
import { fromWarehouse } from '#services/dependency_errors'
import { streamExcel, type ExcelColumn, type ExcelTable } from '#services/excel_export'
import { warehouseFreshAt } from '#statistics/statistics_service'
import clock from '#services/clock'
import { fenToYuan, type CommonFundBankRow } from '@szpm/core'

/** at most three years of months in one table */
const MAX_MONTHS = 36

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1
const monthOf = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`

function invalid(field: string, message: string): never {
  throw new vineErrors.E_VALIDATION_ERROR([{ field, message, rule: 'range' }])
}

/** the asked months (YYYY-MM), by default the twelve up to this month; refused when reversed or too long */
export function bankMonths(from: string | undefined, to: string | undefined, today: string) {
  const last = to ?? (from ? monthOf(Math.min(monthIndex(from) + 11, monthIndex(today.slice(0, 7)))) : today.slice(0, 7))
  const first = from ?? monthOf(monthIndex(last) - 11)
  if (monthIndex(first) > monthIndex(last)) invalid('to', '结束月份不能早于开始月份')
  if (monthIndex(last) - monthIndex(first) + 1 > MAX_MONTHS) invalid('to', `一次最多统计 ${MAX_MONTHS} 个月`)
  return { from: first, to: last }
}

/** the estates of a region as the warehouse places them (estate_profile_facts), or every estate for the city */
function regionFilter(region: Region): SqlFragment {
  if (region.level === 'city') return raw('1 = 1')
  const column = `${region.level}_id`
  return sql`estate_id IN (SELECT estate_id FROM estate_profile_facts FINAL WHERE ${raw(column)} = ${bind(region.id, 'UInt32')})`
}

/**
 * 共享银行统计: per bank and month, the accounts with a month-end balance and those balances summed
 * (分 → 元), from the warehouse's record-grain facts (common_fund_balance_facts, one row per account
 * × month, the bank from common_fund_account_facts), for the estates of the region.
 */
async function bankRows(region: Region, from: string, to: string): Promise<CommonFundBankRow[]> {
  const warehouse = await app.container.make('warehouse')
  const query = sql`SELECT bank_name, toString(toYYYYMM(month)) AS ym, count() AS accounts, sum(balance) AS balance
FROM common_fund_balance_facts FINAL
ANY LEFT JOIN (SELECT account_id, bank_name FROM common_fund_account_facts FINAL) USING account_id
WHERE ${regionFilter(region)} AND month >= ${bind(`${from}-01`, 'Date')} AND month <= ${bind(`${to}-01`, 'Date')}
GROUP BY bank_name, ym ORDER BY bank_name, ym`
  const rows = await fromWarehouse(() => warehouse.query<{ bank_name: string; ym: string; accounts: string | number; balance: string | number }>(query))
  return rows.map((row) => ({
    bankName: row.bank_name,
    month: `${row.ym.slice(0, 4)}-${row.ym.slice(4, 6)}`,
    accounts: Number(row.accounts),
    balance: fenToYuan(String(row.balance)),
  }))
}

async function run(user: User, qs: Record<string, unknown>) {
  const { region_id, from, to } = await commonFundBankValidator.validate(qs)
  const months = bankMonths(from, to, clock.today())
  const region = await findRegionInScope(user, region_id)
  return { region, months, rows: await bankRows(region, months.from, months.to) }
}

const COLUMNS: ExcelColumn<CommonFundBankRow>[] = [
  { header: '开户银行', width: 24, value: (row) => row.bankName },
  { header: '月份', width: 10, value: (row) => row.month },
  { header: '账户数(个)', width: 12, value: (row) => row.accounts },
  { header: '月末余额(元)', width: 20, value: (row) => row.balance },
]

export default class CommonFundBanksController {
  async index({ request, auth }: HttpContext) {
    const { region, months, rows } = await run(auth.getUserOrFail(), request.qs())
    return { data: rows, meta: { region: regionRef(region), from: months.from, to: months.to, freshAt: await warehouseFreshAt() } }
  }

  static async table(user: User, qs: Record<string, unknown>): Promise<ExcelTable<CommonFundBankRow>> {
    const { region, months, rows } = await run(user, qs)
    return { fileName: `共享银行统计-${region.name}-${months.from}至${months.to}`, sheetName: '共享银行统计', columns: COLUMNS, rows }
  }

  async export(ctx: HttpContext) {
    const sheet = await CommonFundBanksController.table(ctx.auth.getUserOrFail(), ctx.request.qs())
    await streamExcel<CommonFundBankRow>(ctx, sheet.fileName, sheet.sheetName, sheet.columns, sheet.rows)
  }
}
