import { LEVEL_NAMES, metricCell, type MetricDeclaration, type ModuleDeclaration, type RegionLevel } from '@szpm/core'
import type { ExcelColumn } from '#services/excel_export'
import { statisticsOf, type MetricValues, type StatisticsResult } from '#statistics/statistics_service'

/** the header of a metric's column: its label, with its unit where it has one (建筑面积(㎡)) */
export function metricHeader(metric: MetricDeclaration): string {
  return metric.unit ? `${metric.label}(${metric.unit})` : metric.label
}

/** a line of the sheet: the region's (or estate's) name and its values */
type ExportRow = { name: string; values: MetricValues }

/**
 * The columns of a statistics export, from the declaration: the level's name, then every metric in
 * declared order, each cell through `metricCell` (the one rounding rule of @szpm/core).
 */
export function statisticsColumns(module: ModuleDeclaration, level: RegionLevel): ExcelColumn<ExportRow>[] {
  return [
    { header: LEVEL_NAMES[level], width: 28, value: (row) => row.name },
    ...Object.entries(statisticsOf(module).metrics).map(([key, metric]): ExcelColumn<ExportRow> => ({
      header: metricHeader(metric),
      width: Math.max(14, metricHeader(metric).length * 2 + 2),
      value: (row) => metricCell(metric.format, row.values[key]),
    })),
  ]
}

/** The rows of a statistics export: the rows the screen shows, ending with its 合计 row (the totals). */
export function statisticsExportRows(result: Pick<StatisticsResult, 'rows' | 'totals'>): ExportRow[] {
  return [...result.rows.map((row) => ({ name: row.name, values: row })), { name: '合计', values: result.totals }]
}

