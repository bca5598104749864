import { test } from '@japa/runner'
import ExcelJS from 'exceljs'
import { PassThrough } from 'node:stream'
import { neutralizeFormula, writeExcel } from '#services/excel_export'
import { readSheet } from '#tests/support/excel'

/** writes `values` as one column through the platform's one export writer and reads the sheet back */
async function roundTrip(values: (string | number | null)[]) {
  const stream = new PassThrough()
  const chunks: Buffer[] = []
  stream.on('data', (chunk: Buffer) => chunks.push(chunk))
  await writeExcel(stream, '导出', [{ header: '值', value: (row: { v: string | number | null }) => row.v }], values.map((v) => ({ v })))
  return Buffer.concat(chunks)
}

test.group('Exports · formula injection', () => {
  test('a text starting with = + - @ tab or CR is written as text with a leading apostrophe', ({ assert }) => {
    assert.equal(neutralizeFormula('=HYPERLINK("http://x","y")'), `'=HYPERLINK("http://x","y")`)
    assert.equal(neutralizeFormula('+86 138'), `'+86 138`)
    assert.equal(neutralizeFormula('-1+2'), `'-1+2`)
    assert.equal(neutralizeFormula('@SUM(A1)'), `'@SUM(A1)`)
    assert.equal(neutralizeFormula('\t=1'), `'\t=1`)
    assert.equal(neutralizeFormula('\r=1'), `'\r=1`)
    // ordinary text, numbers (negative ones too) and empty cells are unchanged
    assert.equal(neutralizeFormula('翠园小区 = 1'), '翠园小区 = 1')
    assert.equal(neutralizeFormula('-'), '-')
    assert.equal(neutralizeFormula(-5), -5)
    assert.isNull(neutralizeFormula(null))
  })

  test('every export writes neutralised cells and no formula cell', async ({ assert }) => {
    const body = await roundTrip(['=1+1', '+1', '-cmd|calc', '@A1', '\tx', '\rx', '正常', -3])
    const { rows } = await readSheet(body)
    // (XML turns the CR into a line feed on reading; what matters is the apostrophe before it)
    assert.deepEqual(rows.map((row) => (typeof row[0] === 'string' ? row[0].replace('\n', '\r') : row[0])), ['值', `'=1+1`, `'+1`, `'-cmd|calc`, `'@A1`, `'\tx`, `'\rx`, '正常', -3])
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(body as any)
    workbook.worksheets[0].eachRow((row) => row.eachCell((cell) => assert.notEqual(cell.type, ExcelJS.ValueType.Formula)))
  })
})
