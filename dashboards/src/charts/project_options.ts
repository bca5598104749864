/**
 * Chart options for 项目管理, as pure functions of the API rows (no Vue, no ECharts runtime).
 */
import type { ProjectMetrics, ProjectStatsRow } from '@szpm/api'
import type { ChartOption } from './types'

type TypeKey = keyof Pick<ProjectMetrics, 'residentialEstates' | 'commercialEstates' | 'officeEstates' | 'mixedEstates'>

/** 物业项目 by estate_type, in stacking order */
export const ESTATE_TYPE_SERIES: { key: TypeKey; name: string; color: string }[] = [
  { key: 'residentialEstates', name: '住宅', color: '#1f6fd1' },
  { key: 'commercialEstates', name: '商业', color: '#e6a23c' },
  { key: 'officeEstates', name: '办公', color: '#20a472' },
  { key: 'mixedEstates', name: '混合', color: '#8e6ccf' },
]

/** one stacked bar per row: how many estates of each type it holds */
export function estateTypeStackOption(rows: ProjectStatsRow[]): ChartOption {
  return {
    color: ESTATE_TYPE_SERIES.map((series) => series.color),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: ESTATE_TYPE_SERIES.map((series) => series.name) },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: rows.map((row) => row.name),
      axisLabel: { interval: 0, rotate: rows.length > 8 ? 30 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1, name: '个' },
    series: ESTATE_TYPE_SERIES.map((series) => ({
      name: series.name,
      type: 'bar' as const,
      stack: 'estates',
      barMaxWidth: 36,
      emphasis: { focus: 'series' as const },
      data: rows.map((row) => row[series.key]),
    })),
  }
}

/** 已成立 / 未成立业委会 split of the totals */
export function committeePieOption(totals: ProjectMetrics): ChartOption {
  return {
    color: ['#20a472', '#c0c4cc'],
    title: { text: '业主委员会成立情况', left: 'center', top: 0, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { bottom: 0 },
    series: [
      {
        name: '业主委员会',
        type: 'pie',
        radius: ['40%', '65%'],
        center: ['50%', '52%'],
        label: { formatter: '{b}\n{d}%' },
        data: [
          { name: '已成立', value: totals.withCommittee },
          { name: '未成立', value: totals.withoutCommittee },
        ],
      },
    ],
  }
}
