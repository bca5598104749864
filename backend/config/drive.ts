/*
| File storage (@adonisjs/drive, FlyDrive): notice attachments and 导出中心 files.
|
| Private disks only (never served directly: every download goes through an API route that checks
| scope and writes the audit log). `files` (default): a folder from STORAGE_ROOT
| (scripts/lib/app_env.mjs defaults it to <repo>/.stack/storage/<profile>, one per test slot).
| `s3`: an S3-compatible bucket from S3_* variables, the default with DRIVE_DISK=s3. Callers take
| the default disk through #services/file_storage and never name one, so nothing else changes.
*/
import path from 'node:path'
import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, services } from '@adonisjs/drive'
import type { InferDriveDisks } from '@adonisjs/drive/types'

const storageRoot = env.get('STORAGE_ROOT') ?? path.join(app.makePath('..'), '.stack', 'storage', app.inTest ? 'test' : 'dev')

/**
 * An S3-compatible bucket (AWS S3, MinIO, COS, OSS …) from S3_*; DRIVE_DISK=s3 makes it the default.
 * Declared always (the client is only built when the disk is first used).
 */
const s3 = services.s3({
  bucket: env.get('S3_BUCKET', ''),
  region: env.get('S3_REGION', 'us-east-1'),
  endpoint: env.get('S3_ENDPOINT'),
  forcePathStyle: env.get('S3_FORCE_PATH_STYLE', true),
  credentials: { accessKeyId: env.get('S3_ACCESS_KEY_ID', ''), secretAccessKey: env.get('S3_SECRET_ACCESS_KEY', '') },
  visibility: 'private',
})

const driveConfig = defineConfig({
  default: env.get('DRIVE_DISK', 'files'),
  services: {
    files: services.fs({
      location: storageRoot,
      visibility: 'private',
      serveFiles: false,
    }),
    s3,
  },
})

export default driveConfig

declare module '@adonisjs/drive/types' {
  export interface DriveDisks extends InferDriveDisks<typeof driveConfig> {}
}
