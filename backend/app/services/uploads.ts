/*
| File uploads. No route takes files yet, so multipart bodies are never parsed automatically
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

export interface UploadLimits {
  /** the multipart field holding the file */
  field: string
  /** largest accepted file, e.g. '10mb' */
  size: string
  /** accepted file extensions (lower case, without the dot) */
  extnames: string[]
}

/** route name → its upload limits; a route not listed here gets a 415 for a multipart body */
export const UPLOAD_ROUTES: Readonly<Record<string, UploadLimits>> = {}

export function acceptsUploads(routeName: string | undefined) {
  return routeName !== undefined && Object.hasOwn(UPLOAD_ROUTES, routeName)
}

/** Parses the multipart body of an upload route (after authentication) and returns its one file. */
export async function readUpload(ctx: HttpContext) {
  const limits = ctx.route?.name ? UPLOAD_ROUTES[ctx.route.name] : undefined
  if (!limits) throw new Error(`route ${ctx.route?.name} does not accept uploads (app/services/uploads.ts)`)
  await ctx.request.multipart.process()
  const file = ctx.request.file(limits.field, { size: limits.size, extnames: limits.extnames })
  if (!file) {
    throw new vineErrors.E_VALIDATION_ERROR([{ field: limits.field, message: '请选择要上传的文件', rule: 'required' }])
  }
  if (!file.isValid) {
    throw new vineErrors.E_VALIDATION_ERROR([{ field: limits.field, message: `文件须为 ${limits.extnames.join('、')} 格式，且不超过 ${limits.size.toUpperCase()}`, rule: 'file' }])
  }
  return file
}
