import { RISK_LEVELS, RISK_SIGNAL_KEYS, RISK_SIGNALS, type RiskEstateRow, type RiskLevel, type RiskSettings, type RiskSettingsView } from '@szpm/core'

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

export function transformRiskEstate(row: Record<string, any>): RiskEstateRow {
  const signals = (row.signals ?? []) as RiskEstateRow['signals']
  return {
    estateId: Number(row.estate_id),
    estateName: row.estate_name,
    districtName: row.district_name ?? '',
    streetName: row.street_name ?? '',
    communityName: row.community_name ?? '',
    day: row.day,
    score: Number(row.score),
    level: row.level,
    levelName: RISK_LEVELS[row.level as RiskLevel] ?? row.level,
    reasons: signals.filter((signal) => signal.points > 0).map((signal) => `${signal.description}（${signal.points}分）`).join('；'),
    signals,
  }
}
