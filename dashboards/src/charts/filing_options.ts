/**
 * Chart options for 备案情况, as pure functions of the API rows (no Vue, no ECharts runtime).
 */
import type { FilingMetrics, FilingStatsRow } from '@szpm/api'
import { toPercent } from '@/utils/format'
import type { ChartOption } from './types'

const CONTRACT_COLOR = '#1f6fd1'
const ASSEMBLY_COLOR = '#20a472'

/** 合同备案率 / 业主大会备案率 per row, in percent */
export function filingRateBarOption(rows: FilingStatsRow[]): ChartOption {
  const percentLabel = (value: unknown) => `${value as number}%`
  return {
    color: [CONTRACT_COLOR, ASSEMBLY_COLOR],
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (value) => percentLabel(value),
    },
    legend: { top: 0, data: ['合同备案率', '业主大会备案率'] },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: rows.map((row) => row.name),
      axisLabel: { interval: 0, rotate: rows.length > 8 ? 30 : 0 },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      axisLabel: { formatter: '{value}%' },
    },
    series: [
      {
        name: '合同备案率',
        type: 'bar',
        barMaxWidth: 28,
        data: rows.map((row) => toPercent(row.contractRate)),
      },
      {
        name: '业主大会备案率',
        type: 'bar',
        barMaxWidth: 28,
        data: rows.map((row) => toPercent(row.assemblyRate)),
      },
    ],
  }
}

/** 物业服务合同 status split (已备案 / 已过期 / 未备案) of the totals */
export function contractStatusPieOption(totals: FilingMetrics): ChartOption {
  return {
    color: [ASSEMBLY_COLOR, '#e6a23c', '#c0c4cc'],
    title: { text: '物业服务合同备案状态', left: 'center', top: 0, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { bottom: 0 },
    series: [
      {
        name: '物业服务合同',
        type: 'pie',
        radius: ['40%', '65%'],
        center: ['50%', '52%'],
        label: { formatter: '{b}\n{d}%' },
        data: [
          { name: '已备案', value: totals.contractFiled },
          { name: '已过期', value: totals.contractExpired },
          { name: '未备案', value: totals.contractNotFiled },
        ],
      },
    ],
  }
}
