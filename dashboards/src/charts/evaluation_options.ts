/**
 * Chart options for 街道社区评价, as pure functions of the API data (no Vue, no ECharts runtime).
 */
import type { EvaluationMetrics } from '@szpm/api'
import type { ChartOption } from './types'

type BandKey = keyof Pick<EvaluationMetrics, 'below60' | 'from60to69' | 'from70to79' | 'from80to89' | 'from90to100'>

/** score bands, low to high */
export const SCORE_BANDS: { key: BandKey; name: string; color: string }[] = [
  { key: 'below60', name: '60分以下', color: '#f56c6c' },
  { key: 'from60to69', name: '60–69分', color: '#e6a23c' },
  { key: 'from70to79', name: '70–79分', color: '#d9b43b' },
  { key: 'from80to89', name: '80–89分', color: '#1f6fd1' },
  { key: 'from90to100', name: '90–100分', color: '#20a472' },
]

/** how many estates fall in each band of effective scores */
export function scoreDistributionOption(totals: EvaluationMetrics): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value) => `${value as number} 个` },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: SCORE_BANDS.map((band) => band.name), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1, name: '物业项目' },
    series: [
      {
        name: '物业项目数',
        type: 'bar',
        barMaxWidth: 48,
        label: { show: true, position: 'top' },
        data: SCORE_BANDS.map((band) => ({ value: totals[band.key], itemStyle: { color: band.color } })),
      },
    ],
  }
}

/** 待评价 / 待审核 / 已审核 / 自动计分 split of the totals */
export function evaluationStatePieOption(totals: EvaluationMetrics): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { bottom: 0 },
    series: [
      {
        name: '评价状态',
        type: 'pie',
        radius: ['40%', '65%'],
        center: ['50%', '45%'],
        label: { formatter: '{b}\n{c}' },
        // empty slices would only stack their labels on top of each other
        data: [
          { name: '待评价', value: totals.pending, itemStyle: { color: '#f56c6c' } },
          { name: '待审核', value: totals.submitted, itemStyle: { color: '#e6a23c' } },
          { name: '已审核', value: totals.reviewed, itemStyle: { color: '#20a472' } },
          { name: '自动计分', value: totals.autoScored, itemStyle: { color: '#1f6fd1' } },
        ].filter((slice) => slice.value > 0),
      },
    ],
  }
}
