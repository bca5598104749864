import ExcelJS from 'exceljs'

/** Reads the first sheet of an .xlsx response body into rows of cell values. */
export async function readSheet(body: Buffer) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(body as any)
  const sheet = workbook.worksheets[0]
  const rows: unknown[][] = []
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  // merged ranges ('A1:A2'), in sheet order
  const merges = [...((sheet.model as { merges?: string[] }).merges ?? [])].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
  return { name: sheet.name, rows, merges }
}
