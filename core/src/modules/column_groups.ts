import type { StatisticsDeclaration } from './types.ts'

/** A metric column under a grouped header: the group's label and the metric's label under it. */
export type GroupedMetric = { readonly group: string; readonly label: string; readonly first: boolean; readonly span: number }

/**
 * The grouped headers of a statistics table by metric key (statistics.columnGroups): for each grouped
 * metric its group, its short label, whether it opens the group and the group's width in columns.
 * Ungrouped metrics are absent. Throws when a group names an undeclared metric or its metrics are not
 * consecutive in declared order (the PC table, the Excel header and H5 all rely on it).
 */
export function metricGroups(statistics: Pick<StatisticsDeclaration, 'metrics' | 'columnGroups'>): ReadonlyMap<string, GroupedMetric> {
  const order = Object.keys(statistics.metrics)
  const groups = new Map<string, GroupedMetric>()
  for (const group of statistics.columnGroups ?? []) {
    const positions = group.columns.map((column) => order.indexOf(column.metric))
    if (positions.some((position, i) => position < 0 || (i > 0 && position !== positions[i - 1] + 1))) {
      throw new Error(`column group ${group.label}: its metrics must be declared and consecutive (${group.columns.map((column) => column.metric).join(', ')})`)
    }
    group.columns.forEach((column, i) => {
      if (groups.has(column.metric)) throw new Error(`column group ${group.label}: ${column.metric} is in two groups`)
      groups.set(column.metric, { group: group.label, label: column.label, first: i === 0, span: group.columns.length })
    })
  }
  return groups
}
