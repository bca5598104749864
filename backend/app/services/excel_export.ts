import ExcelJS from 'exceljs'
import { PassThrough, type Writable } from 'node:stream'
import type { HttpContext } from '@adonisjs/core/http'
import type Region from '#models/region'
import type User from '#models/user'
import { findEstateInScope } from '#services/region_scope'

export interface ExcelColumn<Row> {
  header: string
  /** a grouped header over consecutive columns: the sheet then has two header rows (merged cells) */
  group?: string
  width?: number
  value: (row: Row) => string | number | null
}

/** A whole export: what `streamExcel` sends and what 导出中心 writes to a file. */
export interface ExcelTable<Row> {
  /** without .xlsx */
  fileName: string
  sheetName: string
  columns: ExcelColumn<Row>[]
  rows: AsyncIterable<Row> | Iterable<Row>
  /** the row count, when `rows` is a stream (a background export shows progress with it) */
  total?: () => Promise<number>
}

/**
 * what a spreadsheet may read as the start of a formula (OWASP "CSV injection"): = + - @ tab CR, followed
 * by anything (a lone "-", the platform's "no rate", is no formula and stays as it is)
 */
const FORMULA_START = /^[=+\-@\t\r][\s\S]/

/**
 * A cell value safe to open in Excel / WPS / LibreOffice: a text starting like a formula gets a
 * leading apostrophe, so it shows (and copies out) as text and never runs. Numbers (negative ones
 * included) stay numbers. Every export of the platform writes its cells through this
 * (`writeExcel`), and so does the 设施设备 import's error report.
 */
export function neutralizeFormula<Value extends string | number | null | undefined>(value: Value): Value | string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value
}

/**
 * Writes an .xlsx into `stream` row by row (constant memory whatever the row count) and resolves
 * when the workbook is complete.
 */
export async function writeExcel<Row>(
  stream: Writable,
  sheetName: string,
  columns: ExcelColumn<Row>[],
  rows: AsyncIterable<Row> | Iterable<Row>
) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false })
  const sheet = workbook.addWorksheet(sheetName)
  if (columns.some((column) => column.group)) writeGroupedHeader(sheet, columns)
  else {
    sheet.columns = columns.map((column, index) => ({ header: column.header, key: String(index), width: column.width ?? 16 }))
    sheet.getRow(1).font = { bold: true }
    sheet.getRow(1).commit()
  }
  for await (const row of rows as AsyncIterable<Row>) {
    sheet.addRow(columns.map((column) => neutralizeFormula(column.value(row)))).commit()
  }
  sheet.commit()
  await workbook.commit()
}

/**
 * Two header rows: a group's label merged over its columns with their own headers below it; a
 * column outside any group merged over both rows.
 */
function writeGroupedHeader<Row>(sheet: ExcelJS.Worksheet, columns: ExcelColumn<Row>[]) {
  sheet.columns = columns.map((column, index) => ({ key: String(index), width: column.width ?? 16 }))
  const rows = [sheet.addRow(columns.map((column) => column.group ?? column.header)), sheet.addRow(columns.map((column) => (column.group ? column.header : null)))]
  let start = 0
  columns.forEach((column, index) => {
    const next = columns[index + 1]
    if (!column.group) sheet.mergeCells(1, index + 1, 2, index + 1)
    else if (next?.group !== column.group) {
      if (index > start) sheet.mergeCells(1, start + 1, 1, index + 1)
    }
    if (!column.group || next?.group !== column.group) start = index + 1
  })
  for (const row of rows) {
    row.font = { bold: true }
    row.alignment = { horizontal: 'center', vertical: 'middle' }
    row.commit()
  }
}

/**
 * Streams an .xlsx download to the response. The file name is Chinese, so it goes out
 * RFC 5987-encoded.
 */
export async function streamExcel<Row>(
  ctx: HttpContext,
  fileName: string,
  sheetName: string,
  columns: ExcelColumn<Row>[],
  rows: AsyncIterable<Row> | Iterable<Row>
) {
  const stream = new PassThrough()
  const encoded = encodeURIComponent(`${fileName}.xlsx`)
  ctx.response.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  ctx.response.header('Content-Disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encoded}`)
  ctx.response.stream(stream)
  // Fill the workbook after the response has taken the stream; an error aborts the download (the
  // connection is closed so the client sees a failed download instead of waiting for ever).
  writeExcel(stream, sheetName, columns, rows).catch((error) => {
    ctx.logger.error({ err: error }, 'excel export failed')
    stream.destroy(error as Error)
    ctx.response.response.destroy()
  })
}

/**
 * The file name of a records export: `<title>-<estate>` when the list is filtered to one estate (an
 * estate outside the user's scope is a 404, like on the list), else `<title>-<region>`; `suffix`
 * (e.g. the half-year) follows. 备案记录-翠园小区, not 备案记录-园岭街道 for one estate's records.
 */
export async function recordsFileName(title: string, user: User, region: Region, estateId?: number, suffix?: string) {
  const subject = estateId ? (await findEstateInScope(user, estateId)).name : region.name
  return [title, subject, suffix].filter(Boolean).join('-')
}

/** Rows of any list query in batches, for exports: bounded memory at any row count. */
export async function* inBatches<Row>(build: () => { limit(n: number): { offset(n: number): PromiseLike<Row[]> } }, batchSize = 2000) {
  let offset = 0
  while (true) {
    const rows = await build().limit(batchSize).offset(offset)
    yield* rows
    if (rows.length < batchSize) return
    offset += batchSize
  }
}

/**
 * The rows of a paged list service for an export. The first page is fetched before the download
 * starts, so scope and filter errors still answer as errors; the rest stream page by page.
 */
export async function pagedRows<Page extends { rows: unknown[]; total: number; perPage: number }, Row>(
  fetchPage: (page: number) => Promise<Page>,
  shape: (page: Page) => Row[] | Promise<Row[]>
): Promise<{ first: Page; rows: AsyncIterable<Row> }> {
  const first = await fetchPage(1)
  async function* rows() {
    yield* await shape(first)
    for (let page = 2; (page - 1) * first.perPage < first.total; page++) yield* await shape(await fetchPage(page))
  }
  return { first, rows: rows() }
}

/** a time in an export cell: `2026-06-15 10:30`, Shenzhen time */
export function excelTime(iso: string | null) {
  return iso ? new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16) : null
}
