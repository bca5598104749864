/**
 * The 设施设备 import's sheet: the template's columns, and the check of one row (types, required
 * fields, enums, lengths). Checks that need other rows or the database (duplicates, the estate's
 * scope) are the processor's (equipment_import_processor.ts).
 */
import { EQUIPMENT_CATEGORIES, EQUIPMENT_STATUSES, type EquipmentCategory, type EquipmentStatus } from '@szpm/core'

export interface ImportColumn {
  header: string
  required: boolean
  /** what the template's 填写说明 says */
  note: string
  width: number
}

/** the template's columns, in order (A, B, …) */
export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { header: '物业项目ID', required: true, note: '整数，见“物业项目”工作表（只能是您管辖范围内的物业项目）', width: 12 },
  { header: '物业项目名称', required: false, note: '可不填；填写时须与物业项目ID一致', width: 20 },
  { header: '设备编号', required: true, note: '文本，最多 40 个字符；同一物业项目内不能重复', width: 16 },
  { header: '设备名称', required: true, note: '文本，最多 100 个字符', width: 20 },
  { header: '设备类别', required: true, note: `以下之一：${Object.values(EQUIPMENT_CATEGORIES).join('、')}`, width: 12 },
  { header: '位置', required: false, note: '文本，最多 100 个字符', width: 24 },
  { header: '数量', required: false, note: '1 到 100000 的整数，不填为 1', width: 8 },
  { header: '投入使用日期', required: false, note: '日期，格式 YYYY-MM-DD', width: 14 },
  { header: '状态', required: false, note: `以下之一：${Object.values(EQUIPMENT_STATUSES).join('、')}；不填为正常`, width: 10 },
]

/** the 0-based index of 投入使用日期 */
export const DATE_COLUMN = 7

/** the column letter of a 0-based column index (A … I) */
export const columnLetter = (index: number) => String.fromCharCode(65 + index)

export type CellValue = string | number | Date | null

/** an exceljs cell value as plain text / number / date (rich text joined, a formula's cached result, a hyperlink's text) */
export function plainCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value.trim() === '' ? null : value
  if (typeof value === 'number' || value instanceof Date) return value
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>
    if (Array.isArray(object.richText)) return plainCell((object.richText as { text: string }[]).map((part) => part.text).join(''))
    if ('result' in object) return plainCell(object.result)
    if ('text' in object) return plainCell(object.text)
    if ('error' in object) return String(object.error)
  }
  return String(value)
}

/** a cell as the report shows it (the original value as text) */
export function cellText(value: CellValue): string {
  if (value === null) return ''
  if (value instanceof Date) return isoDay(value)
  return String(value)
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10)

export interface ParsedEquipment {
  estateId: number
  estateName: string | null
  code: string
  name: string
  category: EquipmentCategory
  location: string
  quantity: number
  commissionedOn: string | null
  status: EquipmentStatus
}

export interface CellError {
  /** 0-based column index */
  column: number
  message: string
}

const CATEGORY_BY_NAME = new Map<string, EquipmentCategory>(Object.entries(EQUIPMENT_CATEGORIES).map(([code, name]) => [name, code as EquipmentCategory]))
const STATUS_BY_NAME = new Map<string, EquipmentStatus>(Object.entries(EQUIPMENT_STATUSES).map(([code, name]) => [name, code as EquipmentStatus]))
const DAY = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/

/** a calendar day from a date cell or text (YYYY-MM-DD, YYYY/MM/DD), or null when it is not one */
function parseDay(value: CellValue): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : isoDay(value)
  if (typeof value !== 'string') return null
  const match = DAY.exec(value.trim())
  if (!match) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 1900 || year > 2100) return null
  return isoDay(date)
}

function text(value: CellValue): string | null {
  if (value === null) return null
  if (value instanceof Date) return isoDay(value)
  return String(value).trim()
}

/**
 * Checks one data row's cells (A … I). Returns the row, or the errors of its cells (every error of
 * the row, not only the first).
 */
export function parseRow(cells: CellValue[]): { row: ParsedEquipment; errors: [] } | { row: null; errors: CellError[] } {
  const errors: CellError[] = []
  const fail = (column: number, message: string) => errors.push({ column, message })
  const required = (column: number): string | null => {
    const value = text(cells[column] ?? null)
    if (value === null || value === '') {
      fail(column, '不能为空')
      return null
    }
    return value
  }
  const maxLength = (column: number, value: string | null, max: number) => {
    if (value !== null && value.length > max) fail(column, `不能超过 ${max} 个字符`)
  }

  let estateId = 0
  const estateCell = cells[0] ?? null
  if (estateCell === null) fail(0, '不能为空')
  else {
    const number = typeof estateCell === 'number' ? estateCell : typeof estateCell === 'string' && /^\d{1,10}$/.test(estateCell.trim()) ? Number(estateCell.trim()) : NaN
    if (!Number.isInteger(number) || number < 1 || number > 2147483647) fail(0, '必须是正整数')
    else estateId = number
  }
  const estateName = text(cells[1] ?? null)
  const code = required(2)
  maxLength(2, code, 40)
  const name = required(3)
  maxLength(3, name, 100)
  const categoryText = required(4)
  const category = categoryText === null ? undefined : (CATEGORY_BY_NAME.get(categoryText) ?? (categoryText in EQUIPMENT_CATEGORIES ? (categoryText as EquipmentCategory) : undefined))
  if (categoryText !== null && !category) fail(4, `不是可选值（${Object.values(EQUIPMENT_CATEGORIES).join('、')}）`)
  const location = text(cells[5] ?? null) ?? ''
  maxLength(5, location, 100)
  let quantity = 1
  const quantityCell = cells[6] ?? null
  if (quantityCell !== null) {
    const number = typeof quantityCell === 'number' ? quantityCell : typeof quantityCell === 'string' && /^\d{1,6}$/.test(quantityCell.trim()) ? Number(quantityCell.trim()) : NaN
    if (!Number.isInteger(number) || number < 1 || number > 100000) fail(6, '必须是 1 到 100000 的整数')
    else quantity = number
  }
  const dayCell = cells[7] ?? null
  const commissionedOn = dayCell === null ? null : parseDay(dayCell)
  if (dayCell !== null && commissionedOn === null) fail(7, '不是有效日期（格式 YYYY-MM-DD）')
  const statusText = text(cells[8] ?? null)
  const status = statusText === null ? 'normal' : (STATUS_BY_NAME.get(statusText) ?? (statusText in EQUIPMENT_STATUSES ? (statusText as EquipmentStatus) : undefined))
  if (!status) fail(8, `不是可选值（${Object.values(EQUIPMENT_STATUSES).join('、')}）`)

  if (errors.length) return { row: null, errors }
  return {
    row: { estateId, estateName, code: code!, name: name!, category: category!, location, quantity, commissionedOn, status: status! },
    errors: [],
  }
}
