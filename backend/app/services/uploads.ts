/*
| File uploads. Only the routes listed in UPLOAD_ROUTES take files, so multipart bodies are never parsed automatically
| (config/bodyparser.ts: `autoProcess: false`): nothing reaches the temp folder before CSRF and login are
| checked, and the input guard answers 415 to a multipart body on any route not listed here.
|
| The hook for a route that will accept files:
|   1. list its route name in UPLOAD_ROUTES with its limits, e.g.
|        'api.estates.attachments_store': { field: 'file', size: '10mb', extnames: ['pdf', 'jpg', 'png'] }
|   2. in its controller (which runs after the auth and feature middleware), call
|        const file = await readUpload(ctx)
|      which streams the one declared field to the temp folder, enforcing the size and type limits
|      (422 with a Chinese message otherwise); move it to storage, and delete the temp file.
*/
import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { unlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'

export interface UploadLimits {
  /** the multipart field holding the file */
  field: string
  /** largest accepted file, e.g. '10mb' */
  size: string
  /** accepted file extensions (lower case, without the dot) */
  extnames: string[]
}

/** route name → its upload limits; a route not listed here gets a 415 for a multipart body */
export const UPLOAD_ROUTES: Readonly<Record<string, UploadLimits>> = {
  // 通知发布: one attachment per request (the content is checked by its magic bytes too, app/modules/notices/notice_attachments.ts)
  'api.notice_attachments.upload': { field: 'file', size: '10mb', extnames: ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'jpeg', 'png'] },
  // 宣传培训: one course file per request (checked by its magic bytes too, app/modules/training/training_media.ts)
  // 纠纷化解台账: one attachment per request, the same types and content check as 通知发布's
  'api.dispute_attachments.upload': { field: 'file', size: '10mb', extnames: ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'jpeg', 'png'] },
  'api.training_media.upload': { field: 'file', size: '15mb', extnames: ['mp4', 'webm', 'pdf'] },
  // 设施设备导入: one .xlsx (≈ 3 MB for 50,000 rows; checked by its magic bytes too, app/modules/areas/equipment_imports_controller.ts)
  'api.equipment_imports.store': { field: 'file', size: '30mb', extnames: ['xlsx'] },
  // 电子投票: the scan of a paper ballot (checked by its magic bytes too, app/modules/voting/paper_scans.ts)
  'api.voting_paper_scans.upload': { field: 'file', size: '10mb', extnames: ['pdf', 'jpg', 'jpeg', 'png'] },
  // 招标文件备案: one tender document per request (checked by its magic bytes too, as notice attachments are)
  'api.tender_attachments.upload': { field: 'file', size: '10mb', extnames: ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'jpeg', 'png'] },
  // 信用信息: one document of a credit record per request, the same types and content check as 通知发布's
  'api.credit_attachments.upload': { field: 'file', size: '10mb', extnames: ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'jpeg', 'png'] },
  // 安全检查's checklist photos: JPG / PNG only (magic bytes checked by #services/attachments storeUpload)
  'api.inspection_photos.upload': { field: 'file', size: '10mb', extnames: ['jpg', 'jpeg', 'png'] },
}

export function acceptsUploads(routeName: string | undefined) {
  return routeName !== undefined && Object.hasOwn(UPLOAD_ROUTES, routeName)
}

/** the extension of an uploaded file's name, lower case, without the dot ('' when none) */
export function uploadExtname(clientName: string) {
  const match = /\.([a-z0-9]{1,10})$/i.exec(clientName)
  return match ? match[1].toLowerCase() : ''
}

/** Parses the multipart body of an upload route (after authentication) and returns its one file. */
export async function readUpload(ctx: HttpContext) {
  const limits = ctx.route?.name ? UPLOAD_ROUTES[ctx.route.name] : undefined
  if (!limits) throw new Error(`route ${ctx.route?.name} does not accept uploads (app/services/uploads.ts)`)
  // a body that is not multipart carries no file (the multipart parser is only set up for multipart bodies)
  if (!ctx.request.is(['multipart']) || !ctx.request.multipart) {
    throw new vineErrors.E_VALIDATION_ERROR([{ field: limits.field, message: '请选择要上传的文件', rule: 'required' }])
  }
  // autoProcess is off, so nothing streams a part anywhere unless told: the declared field goes to a temp
  // file (size and type are checked below, on `request.file`); other parts are drained and dropped
  ctx.request.multipart.onFile(limits.field, { deferValidations: true }, async (part, reporter) => {
    const tmpPath = join(tmpdir(), `szpm-upload-${randomUUID()}`)
    part.pause()
    part.on('data', reporter)
    try {
      await pipeline(part, createWriteStream(tmpPath))
      return { tmpPath }
    } catch (error) {
      await unlink(tmpPath).catch(() => {})
      ctx.request.multipart.abort(error as Error)
    }
  })
  await ctx.request.multipart.process()
  // the type is checked against the file name's extension here (the framework's own check names
  // .doc / .xls files by their container, `cfb`); a route checks the content itself (magic bytes)
  const file = ctx.request.file(limits.field, { size: limits.size })
  if (!file) {
    throw new vineErrors.E_VALIDATION_ERROR([{ field: limits.field, message: '请选择要上传的文件', rule: 'required' }])
  }
  if (!file.isValid || !limits.extnames.includes(uploadExtname(file.clientName))) {
    if (file.tmpPath) await unlink(file.tmpPath).catch(() => {})
    throw new vineErrors.E_VALIDATION_ERROR([{ field: limits.field, message: `文件须为 ${limits.extnames.join('、')} 格式，且不超过 ${limits.size.toUpperCase()}`, rule: 'file' }])
  }
  return file
}
