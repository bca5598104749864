/**
 * Document attachments of every module (通知发布, 招标文件备案, 纠纷化解台账 …): type and size limits,
 * the magic-byte check and the storage disk (#services/file_storage: the local folder, or an S3
 * bucket by configuration).
 *
 * An upload (a module's `…/attachments` route, one of the few that take multipart bodies, see
 * #services/uploads) is stored at once under `<folder>/<uuid>` with its metadata beside it
 * (`<folder>/<uuid>.json`: name, type, size, uploader); each module has its own folder. The module's
 * write claims it: its attachment row is written in the same transaction, and a token may be
 * claimed by its uploader only, from the same folder.
 */
import { randomUUID } from 'node:crypto'
import { readFile, unlink } from 'node:fs/promises'
import { storage } from '#services/file_storage'
import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { readUpload, uploadExtname } from '#services/uploads'

export const ATTACHMENT_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  size: '10mb',
  extnames: ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'jpeg', 'png'],
} as const

const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
}

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04])
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const JPEG = Buffer.from([0xff, 0xd8, 0xff])
const PDF = Buffer.from('%PDF-')

/**
 * Does the content match the extension? pdf `%PDF-`; doc / xls the OLE2 compound file header; docx /
 * xlsx a ZIP holding `word/` or `xl/` parts; jpg `FF D8 FF`; png its 8-byte signature.
 */
export function contentMatches(extname: string, content: Buffer): boolean {
  const starts = (magic: Buffer) => content.length >= magic.length && content.subarray(0, magic.length).equals(magic)
  switch (extname) {
    case 'pdf':
      return starts(PDF)
    case 'doc':
    case 'xls':
      return starts(OLE2)
    case 'docx':
      return starts(ZIP) && content.includes('word/')
    case 'xlsx':
      return starts(ZIP) && content.includes('xl/')
    case 'jpg':
    case 'jpeg':
      return starts(JPEG)
    case 'png':
      return starts(PNG)
    default:
      return false
  }
}

/** what publishing needs to know of an uploaded file */
export interface StagedAttachment {
  token: string
  fileName: string
  contentType: string
  sizeBytes: number
  uploadedBy: number
  storageKey: string
}

/** the folder of the storage disk a module's uploads go to (`notices`, `tenders`, `disputes` …) */
const keyOf = (token: string, folder: string) => `${folder}/${token}`
const metaKeyOf = (token: string, folder: string) => `${folder}/${token}.json`

/** a file name safe to store and to send back in Content-Disposition (no path, no control characters) */
function cleanFileName(name: string, extname: string) {
  const base = name.replace(/^.*[\\/]/, '').replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim()
  return (base || `附件.${extname}`).slice(-150)
}

function refuse(message: string, rule: string): never {
  throw new vineErrors.E_VALIDATION_ERROR([{ field: 'file', message, rule }])
}

/** Reads the upload of the request (limits of uploads.ts), checks its content and stores it (under `folder`). */
export async function storeUpload(ctx: HttpContext, userId: number, folder: string): Promise<StagedAttachment> {
  const file = await readUpload(ctx)
  try {
    const extname = uploadExtname(file.clientName)
    const content = await readFile(file.tmpPath!)
    if (content.length === 0) refuse('文件内容为空', 'file')
    if (content.length > ATTACHMENT_LIMITS.maxBytes) refuse('文件不能超过 10MB', 'file.size')
    if (!contentMatches(extname, content)) refuse(`文件内容与扩展名 .${extname} 不符（仅支持 PDF、Word、Excel、JPG、PNG 文件）`, 'file.type')
    const token = randomUUID()
    const staged: StagedAttachment = {
      token,
      fileName: cleanFileName(file.clientName, extname),
      contentType: CONTENT_TYPES[extname],
      sizeBytes: content.length,
      uploadedBy: userId,
      storageKey: keyOf(token, folder),
    }
    const disk = storage()
    await disk.put(staged.storageKey, content, { contentType: staged.contentType })
    await disk.put(metaKeyOf(token, folder), JSON.stringify(staged), { contentType: 'application/json' })
    return staged
  } finally {
    if (file.tmpPath) await unlink(file.tmpPath).catch(() => {})
  }
}

/** The uploaded files behind `tokens`, by their uploader; a token unknown or not theirs is a field error. */
export async function stagedAttachments(tokens: readonly string[], userId: number, folder: string): Promise<StagedAttachment[]> {
  const disk = storage()
  const found: StagedAttachment[] = []
  for (const [index, token] of tokens.entries()) {
    const meta = (await disk.exists(metaKeyOf(token, folder))) ? (JSON.parse(await disk.get(metaKeyOf(token, folder))) as StagedAttachment) : null
    if (!meta || meta.uploadedBy !== userId || meta.token !== token) {
      throw new vineErrors.E_VALIDATION_ERROR([{ field: `attachments.${index}`, message: '附件已失效，请重新上传', rule: 'attachment' }])
    }
    found.push(meta)
  }
  return found
}

/** the stored bytes of an attachment, as a stream, with its size */
export async function attachmentStream(storageKey: string) {
  return storage().getStream(storageKey)
}
