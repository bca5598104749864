import type { HttpContext } from '@adonisjs/core/http'
import { describeAudit } from '#services/audit'
import { riskSettingsValidator } from '#modules/risk/risk_validator'
import { loadRiskSettings, saveRiskSettings } from '#modules/risk/risk_settings'
import { transformRiskSettings } from '#modules/risk/risk_transformer'

/** 风险预警设置 (`risk.manage`, the city administrator): the signals' weights, thresholds and the level bounds. */
export default class RiskSettingsController {
  async show() {
    return { data: transformRiskSettings(await loadRiskSettings()), meta: {} }
  }

  async update(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(riskSettingsValidator)
    const changes = await saveRiskSettings(input)
    // the audit row of this request names what changed (before → after)
    describeAudit(ctx, { changes })
    return { data: transformRiskSettings(await loadRiskSettings()), meta: { changed: changes.length } }
  }
}
