/**
 * Course files (宣传培训): type and size limits, the magic-byte check and the storage disk
 * (#services/file_storage: the local folder, or an S3-compatible bucket by configuration).
 *
 * An upload (POST training/media, limits in #services/uploads) is stored at once under
 * `training/<uuid>` with its metadata beside it (`training/<uuid>.json`); creating the course claims
 * it (by its uploader only, once: the course row's unique `storage_key`).
 */
import { randomUUID } from 'node:crypto'
import { readFile, unlink } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { storage } from '#services/file_storage'
import { readUpload, uploadExtname } from '#services/uploads'
import { contentMatches } from '#services/attachments'
import type { CourseKind } from '#models/training_course'

export const COURSE_MEDIA_LIMITS = {
  maxBytes: 15 * 1024 * 1024,
  size: '15mb',
  extnames: ['mp4', 'webm', 'pdf'],
} as const

const MEDIA: Record<string, { contentType: string; kind: CourseKind }> = {
  mp4: { contentType: 'video/mp4', kind: 'video' },
  webm: { contentType: 'video/webm', kind: 'video' },
  pdf: { contentType: 'application/pdf', kind: 'document' },
}

const EBML = Buffer.from([0x1a, 0x45, 0xdf, 0xa3])

/** Does the content match the extension? mp4 an ISO-BMFF `ftyp` box first; webm the EBML header; pdf `%PDF-`. */
export function mediaMatches(extname: string, content: Buffer): boolean {
  if (extname === 'mp4') return content.length >= 12 && content.subarray(4, 8).toString('latin1') === 'ftyp'
  if (extname === 'webm') return content.length >= 4 && content.subarray(0, 4).equals(EBML)
  return extname === 'pdf' && contentMatches('pdf', content)
}

/** an uploaded course file, before a course claims it */
export interface StagedMedia {
  token: string
  fileName: string
  contentType: string
  kind: CourseKind
  sizeBytes: number
  uploadedBy: number
  storageKey: string
}

const keyOf = (token: string) => `training/${token}`
const metaKeyOf = (token: string) => `training/${token}.json`

function refuse(field: string, message: string, rule: string): never {
  throw new vineErrors.E_VALIDATION_ERROR([{ field, message, rule }])
}

/** a file name safe to store and to send back in Content-Disposition */
function cleanFileName(name: string, extname: string) {
  const base = name.replace(/^.*[\\/]/, '').replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim()
  return (base || `课程.${extname}`).slice(-150)
}

/** Reads the upload of the request, checks its content and stores it. */
export async function storeCourseMedia(ctx: HttpContext, userId: number): Promise<StagedMedia> {
  const file = await readUpload(ctx)
  try {
    const extname = uploadExtname(file.clientName)
    const content = await readFile(file.tmpPath!)
    if (content.length === 0) refuse('file', '文件内容为空', 'file')
    if (content.length > COURSE_MEDIA_LIMITS.maxBytes) refuse('file', '文件不能超过 15MB', 'file.size')
    if (!mediaMatches(extname, content)) refuse('file', `文件内容与扩展名 .${extname} 不符（仅支持 MP4、WebM 视频和 PDF 文档）`, 'file.type')
    return await putCourseMedia(content, { fileName: cleanFileName(file.clientName, extname), extname, uploadedBy: userId })
  } finally {
    if (file.tmpPath) await unlink(file.tmpPath).catch(() => {})
  }
}

/** Stores checked bytes as a staged course file (the upload above, and the demo generator). */
export async function putCourseMedia(content: Buffer, options: { fileName: string; extname: string; uploadedBy: number }): Promise<StagedMedia> {
  const media = MEDIA[options.extname]
  const token = randomUUID()
  const staged: StagedMedia = {
    token,
    fileName: options.fileName,
    contentType: media.contentType,
    kind: media.kind,
    sizeBytes: content.length,
    uploadedBy: options.uploadedBy,
    storageKey: keyOf(token),
  }
  const disk = storage()
  await disk.put(staged.storageKey, content, { contentType: staged.contentType })
  await disk.put(metaKeyOf(token), JSON.stringify(staged), { contentType: 'application/json' })
  return staged
}

/** The staged file behind `token`, by its uploader; unknown, not theirs or of the wrong kind is a field error. */
export async function stagedMedia(token: string, userId: number, kind: CourseKind): Promise<StagedMedia> {
  const disk = storage()
  const meta = (await disk.exists(metaKeyOf(token))) ? (JSON.parse(await disk.get(metaKeyOf(token))) as StagedMedia) : null
  if (!meta || meta.uploadedBy !== userId || meta.token !== token) refuse('media_token', '课程文件已失效，请重新上传', 'media')
  if (meta.kind !== kind) refuse('media_token', kind === 'video' ? '视频课程须上传 MP4 或 WebM 视频' : '文档课程须上传 PDF 文档', 'media.kind')
  return meta
}
