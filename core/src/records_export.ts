/**
 * The Excel columns of a records export (穿透 list), from a module's declared `records.columns`:
 * the screen's columns plus the `exportOnly` ones, in declared order, each cell by its declared
 * format (codes as their Chinese name, numbers through the one rounding rule, times in Shenzhen
 * time). The backend's exports and the Excel benchmark both use it.
 */
import { EMPTY, formatArea, formatCount, formatDate, formatDateTime, formatMetric, metricCell } from './format.ts'
import type { ColumnDeclaration, RecordsDeclaration } from './modules/types.ts'

/**
 * A records cell as the screens show it (PC table, H5 list): codes as their Chinese name, numbers
 * through the one rounding rule, times in Shenzhen time, EMPTY for nothing. `bareArea` leaves the
 * unit out of areas where the column header carries it (the PC table).
 */
export function recordText(column: ColumnDeclaration, row: Record<string, unknown>, options: { bareArea?: boolean } = {}): string {
  if (column.format === 'status') {
    const name = row[column.nameKey ?? column.key]
    return name === null || name === undefined || String(name).trim() === '' ? EMPTY : String(name)
  }
  const value = row[column.key]
  if (value === null || value === undefined || String(value).trim() === '') return EMPTY
  switch (column.format) {
    case 'date':
      return formatDate(String(value))
    case 'datetime':
      return formatDateTime(String(value))
    case 'boolean':
      return value ? (column.booleanLabels?.[0] ?? '是') : (column.booleanLabels?.[1] ?? '否')
    case 'area':
      return options.bareArea ? formatCount(Number(value)) : formatArea(Number(value))
    case 'count':
    case 'percent':
    case 'score':
      return formatMetric(column.format, Number(value))
    default:
      return String(value)
  }
}

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
