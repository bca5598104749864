/** 物业项目风险预警: 风险预警设置 (city administrator). Statistics and the estates list go through the generic statistics calls. */
import type { Http } from './http.ts'
import type { RiskLevelThresholds, RiskSettingsView, RiskSignalKey } from '../modules/risk.ts'

export interface RiskSettingsInput {
  signals: { key: RiskSignalKey; weight: number; threshold: number; enabled: boolean }[]
  levels: RiskLevelThresholds
}

export function riskApi(http: Http) {
  return {
    settings: () => http.call<RiskSettingsView>('risk_settings.show'),
    saveSettings: (body: RiskSettingsInput) => http.call<RiskSettingsView, { changed: number }>('risk_settings.update', { body }),
  }
}
