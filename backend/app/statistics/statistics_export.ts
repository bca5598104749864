import { LEVEL_NAMES, metricCell, metricGroups, type MetricDeclaration, type ModuleDeclaration, type RegionLevel } from '@szpm/core'
import type { ExcelColumn } from '#services/excel_export'
import { statisticsOf, type MetricValues, type StatisticsResult } from '#statistics/statistics_service'

/** the header of a metric's column: its label, with its unit where it has one (建筑面积(㎡)) */
export function metricHeader(metric: MetricDeclaration, label = metric.label): string {
  return metric.unit ? `${label}(${metric.unit})` : label
}

/** a line of the sheet: the region's (or estate's) name and its values */
type ExportRow = { name: string; values: MetricValues }

/**
 * The columns of a statistics export, from the declaration: the level's name, then every metric in
 * declared order, each cell through `metricCell` (the one rounding rule of @szpm/core); a metric of a
 * declared column group under the group's header by its short label (two header rows, merged).
 */
export function statisticsColumns(module: ModuleDeclaration, level: RegionLevel): ExcelColumn<ExportRow>[] {
  const statistics = statisticsOf(module)
  const groups = metricGroups(statistics)
  return [
    { header: LEVEL_NAMES[level], width: 28, value: (row) => row.name },
    ...Object.entries(statistics.metrics).map(([key, metric]): ExcelColumn<ExportRow> => {
      const grouped = groups.get(key)
      const header = metricHeader(metric, grouped?.label)
      return {
        header,
        ...(grouped ? { group: grouped.group } : {}),
        width: Math.max(14, header.length * 2 + 2),
        value: (row) => metricCell(metric.format, row.values[key]),
      }
    }),
  ]
}

/** The rows of a statistics export: the rows the screen shows, ending with its 合计 row (the totals). */
export function statisticsExportRows(result: Pick<StatisticsResult, 'rows' | 'totals'>): ExportRow[] {
  return [...result.rows.map((row) => ({ name: row.name, values: row })), { name: '合计', values: result.totals }]
}

