import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { errors as vineErrors } from '@vinejs/vine'
import { writeCommonFundEnforcementOutbox } from '@szpm/etl'
import type User from '#models/user'
import commonFundsConfig from '#config/common_funds'
import clock from '#services/clock'
import { findEstateInScope, userRegion } from '#services/region_scope'
import { formatDay } from '#modules/filings/estate_filing_transformer'

export interface EnforcementInput {
  estate_id: number
  kind: 'rectification' | 'penalty'
  decided_on: Date
  document_no: string
}

function refuse(field: string, message: string): never {
  throw new vineErrors.E_VALIDATION_ERROR([{ field, message, rule: 'state' }])
}


/**
 * Records a 责令整改 or 行政处罚 of an estate overdue in opening its common-fund account (domain-rules
 * §5): a street records the 责令整改 once the opening period after the 业主大会 filing has passed; a
 * district records the 行政处罚 once the rectification period of a 责令整改 has passed with the
 * account still not opened. The estate's state is read as of the decision day from
 * `common_fund_estates_on`; the record and its outbox event are one transaction.
 */
export default class CommonFundEnforcementService {
  async record(user: User, input: EnforcementInput) {
    const estate = await findEstateInScope(user, input.estate_id)
    const region = await userRegion(user)
    const decidedOn = formatDay(input.decided_on)!
    if (input.kind === 'rectification' && region.level !== 'street') refuse('kind', '责令整改由街道办登记')
    if (input.kind === 'penalty' && region.level !== 'district') refuse('kind', '行政处罚由区住建部门登记')
    if (decidedOn > clock.today()) refuse('decided_on', '决定日期不能晚于今天')

    return db.transaction(async (trx) => {
      // one decision at a time per estate
      await trx.rawQuery('SELECT id FROM estates WHERE id = ? FOR UPDATE', [estate.id])
      const state = await trx
        .from(db.raw('common_fund_estates_on(?::date, ?::integer) AS s', [decidedOn, commonFundsConfig.openDays]) as never)
        .where('estate_id', estate.id)
        .first()
      if (!state?.overdue) refuse('estate_id', '该物业项目在决定日期未逾期未开户（未成立业主大会、已开户或仍在开户期限内）')
      if (input.kind === 'penalty') {
        const rectifiedBy = state.rectification_on
          ? DateTime.fromISO(formatDay(state.rectification_on)!).plus({ days: commonFundsConfig.rectifyDays }).toISODate()!
          : null
        if (!rectifiedBy) refuse('estate_id', '该物业项目尚未被责令整改')
        if (decidedOn <= rectifiedBy) refuse('decided_on', `整改期限（${rectifiedBy}）届满后方可行政处罚`)
      }
      const [row] = await trx
        .table('common_fund_enforcements')
        .insert({ estate_id: estate.id, kind: input.kind, decided_on: decidedOn, document_no: input.document_no, region_id: region.id, created_by: user.id, created_at: new Date() })
        .returning(['id', 'estate_id', 'kind', 'decided_on', 'document_no'])
      await writeCommonFundEnforcementOutbox((sql, params) => trx.rawQuery(sql, params as never).then((result: { rows: any[] }) => result.rows), [row.id], { paramStyle: 'knex' })
      return { ...row, estate_name: estate.name }
    })
  }
}
