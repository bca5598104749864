/**
 * The 设施设备 import (one BullMQ job per uploaded file). All or nothing:
 *
 * 1. 校验: the first sheet is read as a stream (exceljs WorkbookReader: bounded memory whatever the
 *    row count) and every row is checked — types, required fields, enums and lengths
 *    (equipment_import_format.ts), the estate in the uploader's scope (and its name, when given),
 *    duplicate numbers within the file and against the database (checked in batches).
 * 2. Any error → nothing is written; an xlsx error report (the refused rows as they were, their row
 *    number and a column saying what is wrong, by column) is stored and the import is `rejected`.
 * 3. No error → the file is read again and every row is inserted in ONE transaction, which also marks
 *    the import `succeeded` (a crash before the commit leaves nothing, and the retry starts over).
 *
 * Progress (0–100) is stored on the import row: reading the file for the check counts to 45 (by the
 * bytes read), writing the rows to 100.
 */
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { createReadStream, createWriteStream } from 'node:fs'
import { rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { Transform, type Readable } from 'node:stream'
import { finished } from 'node:stream/promises'
import { EQUIPMENT_IMPORT_MAX_ROWS } from '@szpm/core'
import Estate from '#models/estate'
import User from '#models/user'
import { scopeEstates, userScope } from '#services/region_scope'
import { storage } from '#services/file_storage'
import { writeExcel, type ExcelColumn } from '#services/excel_export'
import { excelSerialDate, readFirstSheet } from '#services/xlsx_reader'
import clock from '#services/clock'
import { DATE_COLUMN, IMPORT_COLUMNS, cellText, columnLetter, parseRow, plainCell, type CellValue, type ParsedEquipment } from '#modules/areas/equipment_import_format'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** rows checked against the database at a time, and inserted per statement */
const BATCH = 1000
const INSERT_BATCH = 5000
/** refused rows kept for the report (the count goes on beyond it) */
const REPORT_ROW_LIMIT = 10_000

export interface RefusedRow {
  /** the row number in the sheet (the header is row 1) */
  row: number
  cells: string[]
  /** `C列 设备编号：不能为空；…` */
  problems: string[]
}

export interface ImportOutcome {
  status: 'succeeded' | 'rejected' | 'failed'
  rowCount: number
  errorRowCount: number
  importedCount: number
}

/** counts the bytes that pass (the check's progress) */
function byteCounter(onBytes: (total: number) => void) {
  let total = 0
  return new Transform({
    transform(chunk, _encoding, callback) {
      total += chunk.length
      onBytes(total)
      callback(null, chunk)
    },
  })
}

/**
 * The first sheet's rows as [row number, cells A…I], read as a stream (app/services/xlsx_reader.ts).
 * The header row (row 1) comes first. A number in 投入使用日期 is Excel's date serial (a date cell).
 */
async function* sheetRows(input: Readable): AsyncGenerator<[number, CellValue[]]> {
  for await (const row of readFirstSheet(input, IMPORT_COLUMNS.length)) {
    const cells: CellValue[] = row.cells.map((cell) => plainCell(cell))
    if (row.number > 1 && typeof cells[DATE_COLUMN] === 'number') cells[DATE_COLUMN] = excelSerialDate(cells[DATE_COLUMN] as number) ?? cells[DATE_COLUMN]
    yield [row.number, cells]
  }
}

const headerProblems = (cells: CellValue[]) =>
  IMPORT_COLUMNS.flatMap((column, index) => (cellText(cells[index] ?? null).trim() === column.header ? [] : [`${columnLetter(index)}列 表头应为“${column.header}”`]))

const describe = (column: number, message: string) => `${columnLetter(column)}列 ${IMPORT_COLUMNS[column].header}：${message}`

/** the report's columns: 行号, the template's columns as they were, 错误说明 */
const REPORT_COLUMNS: ExcelColumn<RefusedRow>[] = [
  { header: '行号', width: 8, value: (row) => row.row },
  ...IMPORT_COLUMNS.map((column, index): ExcelColumn<RefusedRow> => ({ header: column.header, width: column.width, value: (row) => row.cells[index] ?? '' })),
  { header: '错误说明', width: 60, value: (row) => row.problems.join('；') },
]

/** writes the error report to storage and answers its key */
async function storeReport(importId: number, refused: RefusedRow[], more: number): Promise<string> {
  const key = `imports/equipment/${importId}-errors-${randomUUID()}.xlsx`
  const temporary = path.join(tmpdir(), `szpm-equipment-report-${importId}-${randomUUID()}.xlsx`)
  try {
    const file = createWriteStream(temporary)
    const rows = more > 0 ? [...refused, { row: 0, cells: [], problems: [`另有 ${more} 行有错误未列出，请先修正以上各行后重新导入`] }] : refused
    await writeExcel(file, '错误报告', REPORT_COLUMNS, rows)
    await finished(file)
    const contentLength = (await stat(temporary)).size
    await storage().putStream(key, createReadStream(temporary), { contentLength, contentType: XLSX })
  } finally {
    await rm(temporary, { force: true })
  }
  return key
}

export interface ProcessorHooks {
  /** BullMQ's progress, besides the import row's */
  onProgress?: (percent: number) => void | Promise<void>
}

/** Runs (or re-runs) one import; idempotent: a finished import is left as it is. */
export async function runEquipmentImport(importId: number, hooks: ProcessorHooks = {}): Promise<ImportOutcome | null> {
  const run = await db.from('equipment_imports').where('id', importId).first()
  if (!run) return null
  if (['succeeded', 'rejected', 'failed'].includes(run.status)) {
    return { status: run.status, rowCount: run.row_count, errorRowCount: run.error_row_count, importedCount: run.imported_count }
  }
  let lastSaved = -1
  let lastAt = 0
  const setProgress = async (percent: number, force = false) => {
    const value = Math.min(100, Math.floor(percent))
    if (value === lastSaved || (!force && Date.now() - lastAt < 300)) return
    lastSaved = value
    lastAt = Date.now()
    await db.from('equipment_imports').where('id', importId).update({ progress: value })
    await hooks.onProgress?.(value)
  }
  const finish = (changes: Record<string, unknown>) =>
    db.from('equipment_imports').where('id', importId).update({ ...changes, finished_at: clock.now().toJSDate() })

  try {
    const user = await User.find(run.user_id)
    if (!user || user.status !== 'active') {
      await finish({ status: 'failed', message: '账号已停用或注销，导入已取消' })
      return { status: 'failed', rowCount: 0, errorRowCount: 0, importedCount: 0 }
    }
    await db.from('equipment_imports').where('id', importId).update({ status: 'validating', progress: 0, message: null })
    const estates = new Map<number, string>()
    for (const estate of await scopeEstates(Estate.query().select('id', 'name'), await userScope(user))) estates.set(Number(estate.id), estate.name)

    // 1. the check
    const size = Number((await storage().getMetaData(run.file_key)).contentLength) || 1
    const counter = byteCounter((bytes) => void setProgress((bytes / size) * 45).catch(() => {}))
    const input = (await storage().getStream(run.file_key)).pipe(counter)
    const seen = new Map<string, number>()
    const refused = new Map<number, RefusedRow>()
    let errorRowCount = 0
    let rowCount = 0
    let pending: { key: string; row: number; estateId: number; code: string; cells: CellValue[] }[] = []
    const refuse = (row: number, cells: CellValue[], problem: string) => {
      let entry = refused.get(row)
      if (!entry) {
        errorRowCount++
        if (refused.size >= REPORT_ROW_LIMIT) return
        entry = { row, cells: cells.map(cellText), problems: [] }
        refused.set(row, entry)
      }
      entry.problems.push(problem)
    }
    const checkAgainstDatabase = async () => {
      if (pending.length === 0) return
      const existing = await db.rawQuery(
        'SELECT estate_id, code FROM equipment WHERE (estate_id, code) IN (SELECT * FROM unnest(?::int[], ?::text[]))',
        [pending.map((item) => item.estateId), pending.map((item) => item.code)]
      )
      const taken = new Set(existing.rows.map((row: { estate_id: number; code: string }) => `${row.estate_id}|${row.code}`))
      for (const item of pending) if (taken.has(item.key)) refuse(item.row, item.cells, describe(2, '该物业项目已有此设备编号'))
      pending = []
    }

    let header = true
    for await (const [rowNumber, cells] of sheetRows(input)) {
      if (header) {
        header = false
        const problems = rowNumber === 1 ? headerProblems(cells) : ['第 1 行应为表头']
        if (problems.length) {
          refuse(1, cells, `表头与模板不符：${problems.join('；')}（请下载模板填写）`)
          break
        }
        continue
      }
      if (cells.every((cell) => cell === null)) continue
      rowCount++
      if (rowCount > EQUIPMENT_IMPORT_MAX_ROWS) {
        refuse(rowNumber, cells, `一次最多导入 ${EQUIPMENT_IMPORT_MAX_ROWS} 行，请分多个文件导入`)
        break
      }
      const parsed = parseRow(cells)
      for (const error of parsed.errors) refuse(rowNumber, cells, describe(error.column, error.message))
      const estateId = parsed.row?.estateId ?? (typeof cells[0] === 'number' ? cells[0] : Number(cellText(cells[0] ?? null)))
      const estateName = Number.isInteger(estateId) ? estates.get(estateId) : undefined
      if (Number.isInteger(estateId) && estateId > 0 && estateName === undefined) refuse(rowNumber, cells, describe(0, '物业项目不存在或不在您的管辖范围内'))
      const row = parsed.row
      if (!row || estateName === undefined) continue
      if (row.estateName !== null && row.estateName !== estateName) refuse(rowNumber, cells, describe(1, `与物业项目ID不符（ID ${row.estateId} 是“${estateName}”）`))
      const key = `${row.estateId}|${row.code}`
      const first = seen.get(key)
      if (first !== undefined) {
        refuse(rowNumber, cells, describe(2, `与第 ${first} 行重复（同一物业项目的设备编号不能重复）`))
        continue
      }
      seen.set(key, rowNumber)
      pending.push({ key, row: rowNumber, estateId: row.estateId, code: row.code, cells })
      if (pending.length >= BATCH) await checkAgainstDatabase()
    }
    await checkAgainstDatabase()
    input.destroy()
    if (rowCount === 0 && errorRowCount === 0) refuse(2, [], '文件中没有数据行')

    // 2. any error: nothing is written, the report is stored
    if (errorRowCount > 0) {
      const rows = [...refused.values()].sort((a, b) => a.row - b.row)
      const reportKey = await storeReport(importId, rows, errorRowCount - rows.length)
      await finish({ status: 'rejected', progress: 100, row_count: rowCount, error_row_count: errorRowCount, imported_count: 0, report_key: reportKey, message: `${errorRowCount} 行有错误，未导入任何数据` })
      return { status: 'rejected', rowCount, errorRowCount, importedCount: 0 }
    }
    seen.clear()

    // 3. every row in one transaction
    await db.from('equipment_imports').where('id', importId).update({ status: 'importing', row_count: rowCount })
    await setProgress(45, true)
    let written = 0
    try {
      await db.transaction(async (trx) => {
        // a retry after a commit whose status update was lost finds its rows and stops
        if (await trx.from('equipment').where('import_id', importId).first()) return
        const again = await storage().getStream(run.file_key)
        let batch: ParsedEquipment[] = []
        // one statement per batch, the columns as arrays (unnest): far fewer parameters than a VALUES list
        const flush = async () => {
          if (batch.length === 0) return
          await trx.rawQuery(
            `INSERT INTO equipment (estate_id, code, name, category, location, quantity, commissioned_on, status, version, import_id)
             SELECT t.estate_id, t.code, t.name, t.category, t.location, t.quantity, t.commissioned_on, t.status, 1, ?
             FROM unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::date[], ?::text[])
               AS t(estate_id, code, name, category, location, quantity, commissioned_on, status)`,
            [
              importId,
              batch.map((row) => row.estateId), batch.map((row) => row.code), batch.map((row) => row.name), batch.map((row) => row.category),
              batch.map((row) => row.location), batch.map((row) => row.quantity), batch.map((row) => row.commissionedOn), batch.map((row) => row.status),
            ] as any[]
          )
          written += batch.length
          batch = []
          await setProgress(45 + (written / rowCount) * 54)
        }
        let skipHeader = true
        for await (const [, cells] of sheetRows(again)) {
          if (skipHeader) {
            skipHeader = false
            continue
          }
          if (cells.every((cell) => cell === null)) continue
          batch.push(parseRow(cells).row as ParsedEquipment)
          if (batch.length >= INSERT_BATCH) await flush()
        }
        await flush()
        again.destroy()
        await trx.from('equipment_imports').where('id', importId).update({ status: 'succeeded', progress: 100, imported_count: written, message: `已导入 ${written} 行`, finished_at: clock.now().toJSDate() })
      })
    } catch (error) {
      // someone added one of the numbers between the check and the insert: still nothing is written
      if ((error as { code?: string }).code === '23505') {
        await finish({ status: 'rejected', progress: 100, imported_count: 0, message: '导入期间其他用户新增了相同的设备编号，未导入任何数据，请重新导入' })
        return { status: 'rejected', rowCount, errorRowCount: 0, importedCount: 0 }
      }
      throw error
    }
    const done = await db.from('equipment_imports').where('id', importId).first()
    return { status: 'succeeded', rowCount, errorRowCount: 0, importedCount: Number(done.imported_count) }
  } catch (error) {
    logger.error({ err: error, importId }, '[areas] equipment import failed')
    await db.from('equipment_imports').where('id', importId).update({ status: 'queued', progress: 0 })
    throw error
  }
}

/** the worker's processor: `import` jobs run the import */
export function equipmentImportsProcessor() {
  return async (job: { data?: { importId?: unknown }; attemptsMade: number; opts: { attempts?: number }; updateProgress(value: number): Promise<void> }) => {
    const importId = Number(job.data?.importId)
    if (!Number.isInteger(importId) || importId <= 0) throw new Error(`equipment import job without an import id: ${JSON.stringify(job.data)}`)
    try {
      return await runEquipmentImport(importId, { onProgress: (percent) => job.updateProgress(percent) })
    } catch (error) {
      // the last try: the import is failed for good (nothing was written: the transaction rolled back)
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await db.from('equipment_imports').where('id', importId).update({ status: 'failed', message: '导入失败，未写入任何数据，请稍后重试', finished_at: clock.now().toJSDate() })
      }
      throw error
    }
  }
}
