/**
 * The platform's file storage (notice attachments, 导出中心 files): the default disk of
 * @adonisjs/drive (config/drive.ts — a private local folder, or an S3-compatible bucket with
 * DRIVE_DISK=s3). Callers take the disk from here, never name one, so switching storage is
 * configuration only; tests may put another disk in (`useStorage`), e.g. an S3 disk on the stub.
 */
import drive from '@adonisjs/drive/services/main'
import type { Disk } from 'flydrive'

let override: Disk | undefined

export function storage(): Disk {
  return override ?? drive.use()
}

/** for tests: use `disk` instead (undefined: back to the configured default) */
export function useStorage(disk: Disk | undefined) {
  override = disk
}
