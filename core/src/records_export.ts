/**
 * The Excel columns of a records export (穿透 list), from a module's declared `records.columns`:
 * the screen's columns plus the `exportOnly` ones, in declared order, each cell by its declared
 * format (codes as their Chinese name, numbers through the one rounding rule, times in Shenzhen
 * time). The backend's exports and the Excel benchmark both use it.
 */
import { formatDateTime, metricCell } from './format.ts'
import type { ColumnDeclaration, RecordsDeclaration } from './modules/types.ts'

/** what the backend's streaming writer takes (backend/app/services/excel_export.ts) */
export interface ExportColumn<Row> {
  header: string
  width?: number
  value: (row: Row) => string | number | null
}

/** One cell of a records export. */
export function recordCell(column: ColumnDeclaration, row: Record<string, unknown>): string | number | null {
  const value = row[column.key]
  if (column.format === 'status') return (row[column.nameKey ?? column.key] as string | null | undefined) ?? null
  if (value === null || value === undefined) return null
  if (column.format === 'boolean') return value ? (column.booleanLabels?.[0] ?? '是') : (column.booleanLabels?.[1] ?? '否')
  if (column.format === 'datetime') return formatDateTime(String(value))
  if (column.format === 'count' || column.format === 'area' || column.format === 'score' || column.format === 'percent') {
    return metricCell(column.format, Number(value))
  }
  return value as string | number
}

/**
 * The columns of a records export; `extra` inserts computed columns (e.g. the evaluation period)
 * after the column with the given key.
 */
export function recordsExportColumns<Row extends object>(
  records: RecordsDeclaration,
  extra: readonly { after: string; column: ExportColumn<Row> }[] = []
): ExportColumn<Row>[] {
  return records.columns.flatMap((column) => [
    {
      header: column.label,
      // declared widths are screen pixels; Excel counts characters
      width: Math.max(10, Math.round((column.width ?? 110) / 6)),
      value: (row: Row) => recordCell(column, row as Record<string, unknown>),
    },
    ...extra.filter((entry) => entry.after === column.key).map((entry) => entry.column),
  ])
}
