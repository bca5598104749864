import { RISK_SIGNAL_KEYS, RISK_SIGNALS, type RiskSettings, type RiskSettingsView } from '@szpm/core'

export function transformRiskSettings(settings: RiskSettings): RiskSettingsView {
  return {
    signals: RISK_SIGNAL_KEYS.map((key) => ({
      key,
      label: RISK_SIGNALS[key].label,
      thresholdLabel: RISK_SIGNALS[key].thresholdLabel,
      thresholdUnit: RISK_SIGNALS[key].thresholdUnit,
      ...settings.signals[key],
    })),
    levels: settings.levels,
  }
}
