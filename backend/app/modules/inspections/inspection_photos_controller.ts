import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { errors as vineErrors } from '@vinejs/vine'
import { NotFoundInScope, userScope, whereEstateIn } from '#services/region_scope'
import { storage } from '#services/file_storage'
import { describeExport } from '#services/audit'
import { attachmentStream, storeUpload } from '#services/attachments'
import { PHOTO_FOLDER } from '#modules/inspections/inspection_service'

/** 安全检查照片: upload (JPG / PNG, checked by magic bytes and size) and view within scope. */
export default class InspectionPhotosController {
  /** one photo per request; its token goes into the answer's `photos` */
  async upload(ctx: HttpContext) {
    const staged = await storeUpload(ctx, ctx.auth.getUserOrFail().id, PHOTO_FOLDER)
    if (!staged.contentType.startsWith('image/')) {
      await storage().delete(staged.storageKey).catch(() => {})
      throw new vineErrors.E_VALIDATION_ERROR([{ field: 'file', message: '照片仅支持 JPG、PNG 格式', rule: 'file.type' }])
    }
    ctx.response.status(201)
    return { data: { token: staged.token, fileName: staged.fileName, sizeBytes: staged.sizeBytes }, meta: {} }
  }

  /** a photo of an answer of a target inside the user's scope (else 404); audited as an export */
  async download(ctx: HttpContext) {
    const query = db
      .from('inspection_photos as p')
      .join('inspection_answers as a', 'a.id', 'p.answer_id')
      .join('inspection_targets as t', 't.id', 'a.target_id')
      .join('estates as e', 'e.id', 't.estate_id')
      .where('p.id', Number(ctx.params.id))
      .select('p.id', 'p.file_name', 'p.content_type', 'p.size_bytes', 'p.storage_key')
    whereEstateIn(query, 'e', await userScope(ctx.auth.getUserOrFail()))
    const photo = await query.first()
    if (!photo) throw new NotFoundInScope()
    describeExport(ctx, { inspection_photo_id: Number(photo.id), file_name: photo.file_name, size_bytes: Number(photo.size_bytes) })
    ctx.response.header('Content-Type', photo.content_type)
    ctx.response.header('Content-Length', String(photo.size_bytes))
    ctx.response.header('Content-Disposition', `inline; filename="photo"; filename*=UTF-8''${encodeURIComponent(photo.file_name)}`)
    ctx.response.header('X-Content-Type-Options', 'nosniff')
    ctx.response.stream(await attachmentStream(photo.storage_key))
  }
}
