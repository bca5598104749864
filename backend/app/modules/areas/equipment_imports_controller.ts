import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import ExcelJS from 'exceljs'
import { errors as vineErrors } from '@vinejs/vine'
import { open, unlink } from 'node:fs/promises'
import { createReadStream } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { PassThrough } from 'node:stream'
import { NotFoundInScope, userScope, whereEstateIn } from '#services/region_scope'
import { readUpload } from '#services/uploads'
import { storage } from '#services/file_storage'
import { estatePlaceNames, joinEstatePlace } from '#services/estate_place'
import { IMPORT_COLUMNS } from '#modules/areas/equipment_import_format'
import { enqueueEquipmentImport } from '#modules/areas/equipment_import_queue'
import { transformEquipmentImport } from '#modules/areas/equipment_transformer'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

function attachment(ctx: HttpContext, fileName: string) {
  ctx.response.header('Content-Type', XLSX)
  ctx.response.header('Content-Disposition', `attachment; filename="file.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
}

/** the first bytes of an .xlsx (a zip archive) */
async function isZip(filePath: string) {
  const handle = await open(filePath, 'r')
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0)
    return bytesRead === 4 && buffer.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))
  } finally {
    await handle.close()
  }
}

/**
 * 设施设备导入 (`equipment_imports.*`): the template (with the estates the user may import into),
 * the upload (stored, then a BullMQ job: equipment_import_processor.ts), the import's progress and
 * its error report. An import is its uploader's: anyone else gets a 404.
 */
export default class EquipmentImportsController {
  /** 下载模板: the columns, 填写说明, and the user's estates (ID, name, place) */
  async template(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    const scope = await userScope(user)
    const stream = new PassThrough()
    attachment(ctx, '设施设备导入模板.xlsx')
    ctx.response.stream(stream)
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false })
    const write = async () => {
      const sheet = workbook.addWorksheet('设施设备')
      sheet.columns = IMPORT_COLUMNS.map((column) => ({ header: column.header, width: column.width }))
      sheet.getRow(1).font = { bold: true }
      sheet.getRow(1).commit()
      sheet.commit()
      const notes = workbook.addWorksheet('填写说明')
      notes.columns = [{ header: '列', width: 14 }, { header: '必填', width: 6 }, { header: '说明', width: 70 }]
      for (const column of IMPORT_COLUMNS) notes.addRow([column.header, column.required ? '是' : '否', column.note]).commit()
      notes.addRow([]).commit()
      notes.addRow(['', '', '导入时先校验全部行：任何一行有错误则不导入任何数据，并提供错误报告（行号、原内容和错误说明）；全部正确才一次性导入。']).commit()
      notes.commit()
      const list = workbook.addWorksheet('物业项目')
      list.columns = [{ header: '物业项目ID', width: 12 }, { header: '物业项目名称', width: 24 }, { header: '区', width: 10 }, { header: '街道', width: 12 }, { header: '社区', width: 14 }]
      let offset = 0
      while (true) {
        const rows = await whereEstateIn(joinEstatePlace(db.from('estates as e')), 'e', scope)
          .select('e.id', 'e.name', ...estatePlaceNames())
          .orderBy('e.id')
          .limit(2000)
          .offset(offset)
        for (const row of rows) list.addRow([Number(row.id), row.name, row.district_name, row.street_name, row.community_name]).commit()
        if (rows.length < 2000) break
        offset += 2000
      }
      list.commit()
      await workbook.commit()
    }
    write().catch((error) => {
      ctx.logger.error({ err: error }, 'equipment template failed')
      stream.destroy(error as Error)
    })
  }

  /** 导入: stores the .xlsx and queues its job (202); the check and the writing run in the job */
  async store(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    const file = await readUpload(ctx)
    try {
      if (!file.tmpPath || !(await isZip(file.tmpPath))) {
        throw new vineErrors.E_VALIDATION_ERROR([{ field: 'file', message: '文件内容不是 Excel（.xlsx）文件，请使用下载的模板', rule: 'file.type' }])
      }
      const fileKey = `imports/equipment/${user.id}-${randomUUID()}.xlsx`
      await storage().putStream(fileKey, createReadStream(file.tmpPath), { contentLength: file.size, contentType: XLSX })
      const fileName = file.clientName.slice(0, 200)
      const [row] = await db.table('equipment_imports').insert({ user_id: user.id, file_name: fileName, file_key: fileKey, status: 'queued' }).returning('*')
      if (!(await enqueueEquipmentImport(Number(row.id)))) {
        await db.from('equipment_imports').where('id', row.id).update({ status: 'failed', message: '导入任务排队失败，请稍后重试' })
        row.status = 'failed'
        row.message = '导入任务排队失败，请稍后重试'
      }
      return ctx.response.accepted({ data: transformEquipmentImport(row), meta: {} })
    } finally {
      if (file.tmpPath) await unlink(file.tmpPath).catch(() => {})
    }
  }

  /** the import's state and progress (the page polls it) */
  async show({ params, auth }: HttpContext) {
    const row = await this.#own(auth.getUserOrFail().id, Number(params.id))
    return { data: transformEquipmentImport(row), meta: {} }
  }

  /** 下载错误报告 */
  async report(ctx: HttpContext) {
    const row = await this.#own(ctx.auth.getUserOrFail().id, Number(ctx.params.id))
    if (!row.report_key) throw new NotFoundInScope()
    const stream = await storage().getStream(row.report_key)
    attachment(ctx, `设施设备导入错误报告-${String(row.file_name).replace(/\.xlsx$/i, '')}.xlsx`)
    ctx.response.stream(stream)
  }

  async #own(userId: number, id: number) {
    const row = await db.from('equipment_imports').where('id', id).where('user_id', userId).first()
    if (!row) throw new NotFoundInScope()
    return row
  }
}
