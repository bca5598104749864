import { test } from '@japa/runner'
import ExcelJS from 'exceljs'
import { Readable } from 'node:stream'
import { excelSerialDate, readFirstSheet } from '#services/xlsx_reader'

async function rowsOf(buffer: Buffer, width: number) {
  const rows: { number: number; cells: unknown[] }[] = []
  for await (const row of readFirstSheet(Readable.from([buffer]), width)) rows.push(row)
  return rows
}

test.group('xlsx reader (imports)', () => {
  test('a workbook as Excel saves it (shared strings, rich text, a formula, a date, a second sheet) reads as values', async ({ assert }) => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('设施设备')
    sheet.addRow(['物业项目ID', '设备名称', '日期', '公式'])
    sheet.addRow([1, '二次供水泵', new Date(Date.UTC(2020, 4, 1)), { formula: '1+1', result: 2 }])
    sheet.getCell('B3').value = { richText: [{ text: '消防' }, { text: '水泵' }] }
    sheet.getCell('A3').value = 2
    workbook.addWorksheet('物业项目').addRow(['不应读到'])
    // the non-streaming writer stores strings once in xl/sharedStrings.xml
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
    const rows = await rowsOf(buffer, 4)
    assert.deepEqual(rows.map((row) => row.number), [1, 2, 3])
    assert.deepEqual(rows[0].cells, ['物业项目ID', '设备名称', '日期', '公式'])
    assert.deepEqual([rows[1].cells[0], rows[1].cells[1], rows[1].cells[3]], [1, '二次供水泵', 2])
    assert.equal(excelSerialDate(rows[1].cells[2] as number)!.toISOString().slice(0, 10), '2020-05-01')
    assert.deepEqual(rows[2].cells, [2, '消防水泵', null, null])
  })

  test('Chinese text split across zip chunks is decoded whole', async ({ assert }) => {
    const stream = new (await import('node:stream')).PassThrough()
    const chunks: Buffer[] = []
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false })
    const sheet = writer.addWorksheet('s')
    for (let n = 0; n < 20_000; n++) sheet.addRow([n, `锦华苑设备${n}号消防设施`]).commit()
    sheet.commit()
    await writer.commit()
    const rows = await rowsOf(Buffer.concat(chunks), 2)
    assert.lengthOf(rows, 20_000)
    const garbled = rows.filter((row, n) => row.cells[1] !== `锦华苑设备${n}号消防设施`)
    assert.lengthOf(garbled, 0)
  })
})
