import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { COMMON_FUND_ENFORCEMENT_KINDS, type CommonFundEnforcementKind } from '@szpm/core'
import CommonFundEnforcementService from '#modules/common_funds/common_fund_enforcement_service'
import { createEnforcementValidator } from '#modules/common_funds/common_fund_validator'
import { formatDay } from '#modules/filings/estate_filing_transformer'

@inject()
export default class CommonFundEnforcementsController {
  constructor(private enforcements: CommonFundEnforcementService) {}

  /** 登记 a 责令整改 (street) or 行政处罚 (district) of an overdue estate: 201 with the record */
  async store({ request, auth, response }: HttpContext) {
    const input = await request.validateUsing(createEnforcementValidator)
    const row = await this.enforcements.record(auth.getUserOrFail(), input)
    const kind = row.kind as CommonFundEnforcementKind
    return response.created({
      data: { id: row.id, estateId: row.estate_id, estateName: row.estate_name, kind, kindName: COMMON_FUND_ENFORCEMENT_KINDS[kind], decidedOn: formatDay(row.decided_on), documentNo: row.document_no },
      meta: {},
    })
  }
}
