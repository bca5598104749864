/**
 * Chart options of the generic statistics page, built from a module's declared charts: pure
 * functions of the declaration and the API data (no Vue, no ECharts runtime). Numbers and shares
 * are formatted by @szpm/core (one rounding rule), never by ECharts' own `{d}`.
 */
import type { StatsRow } from '@szpm/api'
import { formatCount, formatMetric, formatPercent, toPercent, type ChartDeclaration, type MetricDeclaration } from '@szpm/core'
import type { ChartOption } from './types'

type Metrics = Readonly<Record<string, MetricDeclaration>>
type Values = Readonly<Record<string, number | null | undefined>>

/** the series colours, in declaration order */
export const PALETTE = ['#1f6fd1', '#20a472', '#e6a23c', '#f56c6c', '#8e6ccf', '#13a8a8', '#d9b43b', '#909399']

/** a value with its unit, as a table or card shows it (54.5%, 1,200 套, 87.46 分) */
export function metricText(metric: MetricDeclaration, value: number | null | undefined): string {
  const text = formatMetric(metric.format, value)
  const withUnit = metric.unit && metric.format !== 'percent' && metric.format !== 'area'
  return withUnit && value !== null && value !== undefined ? `${text} ${metric.unit}` : text
}

function metricOf(metrics: Metrics, key: string): MetricDeclaration {
  const metric = metrics[key]
  if (!metric) throw new Error(`chart metric "${key}" is not declared`)
  return metric
}

/** the slices of a donut: each metric's share of their sum */
export function donutSlices(chart: ChartDeclaration, metrics: Metrics, totals: Values) {
  const slices = chart.metrics.map((key, index) => ({
    key,
    name: metricOf(metrics, key).label,
    value: totals[key] ?? 0,
    color: PALETTE[index % PALETTE.length]!,
  }))
  const sum = slices.reduce((total, slice) => total + slice.value, 0)
  return { slices: slices.map((slice) => ({ ...slice, share: sum ? slice.value / sum : 0 })), sum }
}

/** shares of a whole (e.g. 已备案 / 已过期 / 未备案 of the totals); null when the whole is 0 */
export function donutOption(chart: ChartDeclaration, metrics: Metrics, totals: Values): ChartOption | null {
  const { slices, sum } = donutSlices(chart, metrics, totals)
  if (!sum) return null
  const byName = new Map(slices.map((slice) => [slice.name, slice]))
  const describe = (name: string) => {
    const slice = byName.get(name)!
    return `${metricText(metricOf(metrics, slice.key), slice.value)}（${formatPercent(slice.share)}）`
  }
  return {
    color: slices.map((slice) => slice.color),
    tooltip: { trigger: 'item', formatter: (params) => `${(params as { name: string }).name}：${describe((params as { name: string }).name)}` },
    // the shares sit in the legend: outside labels do not fit a narrow card
    legend: { bottom: 0, formatter: (name) => `${name} ${formatPercent(byName.get(name)?.share)}` },
    series: [
      {
        name: chart.title,
        type: 'pie',
        radius: ['40%', '65%'],
        center: ['50%', '42%'],
        label: { show: false },
        // empty slices would only stack their labels on top of each other
        data: slices.filter((slice) => slice.value > 0).map((slice) => ({ name: slice.name, value: slice.value })),
      },
    ],
  }
}

/** the metrics per child region (grouped, or stacked when the chart says so); null when there is nothing to draw */
export function barOption(chart: ChartDeclaration, metrics: Metrics, rows: readonly StatsRow[]): ChartOption | null {
  if (!rows.some((row) => chart.metrics.some((key) => row[key]))) return null
  const declared = chart.metrics.map((key) => ({ key, metric: metricOf(metrics, key) }))
  const percent = declared.every(({ metric }) => metric.format === 'percent')
  const unit = percent ? '%' : (declared[0]?.metric.unit ?? '')
  const plot = (value: number | null | undefined) => (value === null || value === undefined ? 0 : percent ? toPercent(value) : value)
  return {
    color: declared.map((_entry, index) => PALETTE[index % PALETTE.length]!),
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (value) => (percent ? `${value as number}%` : `${formatCount(value as number)} ${unit}`.trim()),
    },
    legend: { top: 0, data: declared.map(({ metric }) => metric.label) },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: rows.map((row) => row.name),
      axisLabel: { interval: 0, rotate: rows.length > 8 ? 30 : 0 },
    },
    yAxis: percent ? { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } } : { type: 'value', minInterval: 1, name: unit },
    series: declared.map(({ key, metric }) => ({
      name: metric.label,
      type: 'bar' as const,
      barMaxWidth: chart.stack ? 36 : 28,
      ...(chart.stack ? { stack: 'total', emphasis: { focus: 'series' as const } } : {}),
      data: rows.map((row) => plot(row[key])),
    })),
  }
}

/** the chart as words, for screen readers: its title and each metric's total */
export function chartLabel(chart: ChartDeclaration, metrics: Metrics, totals: Values, regionName: string, childLabel: string): string {
  const shares = chart.kind === 'donut' ? new Map(donutSlices(chart, metrics, totals).slices.map((slice) => [slice.key, slice.share])) : null
  const parts = chart.metrics.map((key) => {
    const metric = metricOf(metrics, key)
    const share = shares ? `（${formatPercent(shares.get(key))}）` : ''
    return `${metric.label}${metricText(metric, totals[key]).replace(/ /g, '')}${share}`
  })
  const kind = chart.kind === 'donut' ? '环形图' : `各${childLabel}柱状图`
  return `${regionName}${chart.title}${kind}：${parts.join('，')}`
}
