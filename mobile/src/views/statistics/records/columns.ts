import { EMPTY, formatDate, formatDateTime, formatMetric, type ColumnDeclaration } from '@szpm/core'
import type { RecordRow } from '@szpm/api'
import { orDash } from '@/utils/format'

/** a declared column's value of a record, as the list shows it (numbers through formatMetric) */
export function cellText(column: ColumnDeclaration, row: RecordRow): string {
  const value = row[column.key]
  switch (column.format) {
    case 'count':
    case 'percent':
    case 'score':
    case 'area':
      return formatMetric(column.format, typeof value === 'number' ? value : null)
    case 'date':
      return formatDate(typeof value === 'string' ? value : null)
    case 'datetime':
      return formatDateTime(typeof value === 'string' ? value : null)
    case 'boolean':
      if (typeof value !== 'boolean') return EMPTY
      return value ? (column.booleanLabels?.[0] ?? '是') : (column.booleanLabels?.[1] ?? '否')
    case 'status':
      return orDash(String(row[column.nameKey ?? column.key] ?? ''))
    default:
      return value === null || value === undefined ? EMPTY : orDash(String(value))
  }
}
