import ExcelJS from 'exceljs'
import { PassThrough } from 'node:stream'
import { IMPORT_COLUMNS } from '#modules/areas/equipment_import_format'

export type SheetCell = string | number | Date | null

/** an .xlsx in the import template's shape: the header row, then `rows` (streamed: 50,000 rows stay cheap) */
export async function importFile(rows: Iterable<SheetCell[]>, header: string[] = IMPORT_COLUMNS.map((column) => column.header)): Promise<Buffer> {
  const stream = new PassThrough()
  const chunks: Buffer[] = []
  stream.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise((resolve) => stream.on('end', resolve))
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false })
  const sheet = workbook.addWorksheet('设施设备')
  sheet.addRow(header).commit()
  for (const row of rows) sheet.addRow(row).commit()
  sheet.commit()
  await workbook.commit()
  await done
  return Buffer.concat(chunks)
}

/** `count` valid rows spread over the estates given (numbers EQ-000001 …) */
export function* validRows(count: number, estates: { id: number; name: string }[], start = 1): Generator<SheetCell[]> {
  const categories = ['电梯', '消防设施', '供水设施', '供配电设施', '安防监控', '燃气设施', '其他']
  for (let n = start; n < start + count; n++) {
    const estate = estates[n % estates.length]
    yield [estate.id, estate.name, `EQ-${String(n).padStart(6, '0')}`, `设备${n}`, categories[n % categories.length], `${(n % 30) + 1}栋`, (n % 5) + 1, '2020-05-01', n % 10 === 0 ? '维修中' : '正常']
  }
}
