/**
 * The scans of paper ballots (纸质选票扫描件): the convener uploads the scan first (POST
 * voting/meetings/:id/paper_scans, limits in app/services/uploads.ts), then enters the ballot with the
 * token it got. A scan is a PDF, JPG or PNG of at most 10 MB, its content checked by its magic bytes;
 * it is stored at once under `voting/scans/<uuid>` with its metadata beside it (`<key>.json`: name,
 * type, size, uploader, meeting), on the platform's storage disk (#services/file_storage). An entered
 * paper ballot keeps the key in `voting_ballots.scan_path`.
 */
import { randomUUID } from 'node:crypto'
import { readFile, unlink } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { storage } from '#services/file_storage'
import { readUpload, uploadExtname } from '#services/uploads'
import { contentMatches } from '#services/attachments'

export const SCAN_LIMITS = { maxBytes: 10 * 1024 * 1024, size: '10mb', extnames: ['pdf', 'jpg', 'jpeg', 'png'] } as const

const CONTENT_TYPES: Record<string, string> = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' }

export interface StoredScan {
  token: string
  key: string
  fileName: string
  contentType: string
  sizeBytes: number
  uploadedBy: number
  meetingId: number
}

const keyOf = (token: string) => `voting/scans/${token}`
const metaKeyOf = (key: string) => `${key}.json`

const refuse = (field: string, message: string, rule = 'file'): never => {
  throw new vineErrors.E_VALIDATION_ERROR([{ field, message, rule }])
}

/** Reads the request's upload, checks its size and content (magic bytes) and stores it for the meeting. */
export async function storeScan(ctx: HttpContext, userId: number, meetingId: number): Promise<StoredScan> {
  const file = await readUpload(ctx)
  try {
    const extname = uploadExtname(file.clientName)
    const content = await readFile(file.tmpPath!)
    if (content.length === 0) refuse('file', '文件内容为空')
    if (content.length > SCAN_LIMITS.maxBytes) refuse('file', '扫描件不能超过 10MB', 'file.size')
    if (!SCAN_LIMITS.extnames.includes(extname as never) || !contentMatches(extname, content)) {
      refuse('file', `文件内容与扩展名 .${extname} 不符（扫描件仅支持 PDF、JPG、PNG）`, 'file.type')
    }
    const token = randomUUID()
    const name = file.clientName.replace(/^.*[\\/]/, '').replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim()
    const scan: StoredScan = {
      token, key: keyOf(token), fileName: (name || `扫描件.${extname}`).slice(-150), contentType: CONTENT_TYPES[extname],
      sizeBytes: content.length, uploadedBy: userId, meetingId,
    }
    const disk = storage()
    await disk.put(scan.key, content, { contentType: scan.contentType })
    await disk.put(metaKeyOf(scan.key), JSON.stringify(scan), { contentType: 'application/json' })
    return scan
  } finally {
    if (file.tmpPath) await unlink(file.tmpPath).catch(() => {})
  }
}

/** The scan behind a token, uploaded by this user for this meeting; anything else is a field error. */
export async function scanFor(token: string, userId: number, meetingId: number): Promise<StoredScan> {
  const disk = storage()
  const metaKey = metaKeyOf(keyOf(token))
  const scan = (await disk.exists(metaKey)) ? (JSON.parse(await disk.get(metaKey)) as StoredScan) : null
  if (!scan || scan.uploadedBy !== userId || scan.meetingId !== meetingId) refuse('scan_token', '扫描件不存在或已失效，请重新上传', 'exists')
  return scan!
}

/** The metadata and bytes of a stored scan (by its key in voting_ballots.scan_path). */
export async function readScan(key: string): Promise<{ scan: StoredScan; content: Uint8Array }> {
  const disk = storage()
  const scan = JSON.parse(await disk.get(metaKeyOf(key))) as StoredScan
  return { scan, content: await disk.getBytes(key) }
}

/** The metadata of a stored scan (its file name, type, size), without its bytes. */
export async function readScanMeta(key: string): Promise<StoredScan> {
  return JSON.parse(await storage().get(metaKeyOf(key))) as StoredScan
}
