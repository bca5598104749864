import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { commonFundTransactionListValidator } from '#modules/common_funds/common_fund_validator'
import { maskAccountNo, transformCommonFundTransaction } from '#modules/common_funds/common_fund_transformer'
import { findEstateInScope, NotFoundInScope } from '#services/region_scope'
import { inBatches, streamExcel, type ExcelColumn, type ExcelTable } from '#services/excel_export'
import { COMMON_FUND_ACCOUNT_KINDS, COMMON_FUND_ACCOUNT_STATUSES, fenToYuan, type CommonFundAccountKind, type CommonFundAccountStatus, type CommonFundTransactionRow } from '@szpm/core'

interface Range {
  from?: Date
  to?: Date
}

const isoDay = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`

/** the account if its estate lies in the user's scope (otherwise, like a missing one, 404) */
async function accountInScope(user: User, accountId: number) {
  const account = await db.from('common_fund_accounts').where('id', accountId).first()
  if (!account) throw new NotFoundInScope()
  const estate = await findEstateInScope(user, account.estate_id)
  return { account, estate }
}

/** 账户流水 of one account, oldest first (the order a bank statement reads) */
function transactionQuery(accountId: number, range: Range) {
  const query = db.from('common_fund_transactions').where('account_id', accountId)
  if (range.from) query.where('occurred_on', '>=', isoDay(range.from))
  if (range.to) query.where('occurred_on', '<=', isoDay(range.to))
  return query.orderBy('occurred_on').orderBy('id')
}

const COLUMNS: ExcelColumn<CommonFundTransactionRow>[] = [
  { header: '日期', width: 12, value: (row) => row.occurredOn },
  { header: '借/贷', width: 8, value: (row) => row.directionName },
  { header: '金额(元)', width: 16, value: (row) => row.amount },
  { header: '余额(元)', width: 16, value: (row) => row.balance },
  { header: '摘要', width: 30, value: (row) => row.summary },
]

export default class CommonFundTransactionsController {
  /** an account's 账户流水 (date, 借/贷, amount, balance, summary), paged, with the account in `meta` */
  async index({ request, params, auth }: HttpContext) {
    const { page = 1, per_page = 20, from, to } = await request.validateUsing(commonFundTransactionListValidator, { data: request.qs() })
    const { account, estate } = await accountInScope(auth.getUserOrFail(), params.id)
    const query = transactionQuery(account.id, { from, to })
    const [{ total }] = await query.clone().clearOrder().count('* as total')
    const rows = await query.limit(per_page).offset((page - 1) * per_page)
    const kind = account.kind as CommonFundAccountKind
    const status = account.status as CommonFundAccountStatus
    return {
      data: rows.map(transformCommonFundTransaction),
      meta: {
        total: Number(total),
        page,
        perPage: per_page,
        account: {
          id: account.id,
          estateId: estate.id,
          estateName: estate.name,
          kind,
          kindName: COMMON_FUND_ACCOUNT_KINDS[kind],
          bankName: account.bank_name,
          accountNo: maskAccountNo(account.account_no),
          status,
          statusName: COMMON_FUND_ACCOUNT_STATUSES[status],
          balance: fenToYuan(account.balance),
        },
      },
    }
  }

  static async table(user: User, accountId: number, qs: Record<string, unknown>): Promise<ExcelTable<CommonFundTransactionRow>> {
    const { from, to } = await commonFundTransactionListValidator.validate(qs)
    const { account, estate } = await accountInScope(user, accountId)
    async function* rows() {
      for await (const row of inBatches<Record<string, any>>(() => transactionQuery(account.id, { from, to }))) yield transformCommonFundTransaction(row)
    }
    return { fileName: `账户流水-${estate.name}`, sheetName: '账户流水', columns: COLUMNS, rows: rows() }
  }

  async export(ctx: HttpContext) {
    const sheet = await CommonFundTransactionsController.table(ctx.auth.getUserOrFail(), ctx.params.id, ctx.request.qs())
    await streamExcel<CommonFundTransactionRow>(ctx, sheet.fileName, sheet.sheetName, sheet.columns, sheet.rows)
  }
}
