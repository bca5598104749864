/*
| Environment variables, validated at boot. Service URLs come from DATABASE_URL, REDIS_URL and
| CLICKHOUSE_URL; `npm start` / `npm test` fill them for the local instances they start.
*/
import { Env } from '@adonisjs/core/env'

export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  HOST: Env.schema.string({ format: 'host' }),
  APP_KEY: Env.schema.secret(),
  APP_URL: Env.schema.string({ format: 'url', tld: false }),
  LOG_LEVEL: Env.schema.string(),

  SESSION_DRIVER: Env.schema.enum(['cookie', 'memory', 'redis'] as const),

  DATABASE_URL: Env.schema.string(),
  /** the schema owner's URL, for migrations (config/database.ts); default DATABASE_URL */
  DATABASE_MIGRATION_URL: Env.schema.string.optional(),
  /** the application's role the migrations grant to (0014_application_role.ts); default szpm_app */
  DATABASE_APP_ROLE: Env.schema.string.optional(),
  /** 审计日志 retention in days (whole monthly partitions older than this are dropped); default 400, at least 180 */
  AUDIT_RETENTION_DAYS: Env.schema.number.optional(),
  REDIS_URL: Env.schema.string(),
  CLICKHOUSE_URL: Env.schema.string(),
  CLICKHOUSE_DATABASE: Env.schema.string(),
  /** sockets the API keeps to ClickHouse (the client library's default of 10 queues statistics under load) */
  CLICKHOUSE_MAX_CONNECTIONS: Env.schema.number.optional(),

  /** reverse proxies whose X-Forwarded-* headers are believed: comma list of IPs / CIDRs (config/app.ts); none by default */
  TRUSTED_PROXIES: Env.schema.string.optional(),

  /** root folder of the `fs` storage disk (config/drive.ts: notice attachments, exports); default <repo>/.stack/storage/<profile> */
  STORAGE_ROOT: Env.schema.string.optional(),

  /** the storage disk: `files` (the local folder) or `s3` (the bucket below); config/drive.ts */
  DRIVE_DISK: Env.schema.enum.optional(['files', 's3'] as const),
  S3_BUCKET: Env.schema.string.optional(),
  S3_REGION: Env.schema.string.optional(),
  /** an S3-compatible endpoint (MinIO, COS, OSS …); absent = AWS */
  S3_ENDPOINT: Env.schema.string.optional(),
  S3_FORCE_PATH_STYLE: Env.schema.boolean.optional(),
  S3_ACCESS_KEY_ID: Env.schema.string.optional(),
  S3_SECRET_ACCESS_KEY: Env.schema.string.optional(),

  /** folder holding the built PC app (served at /) and the H5 (served at /m/) */
  STATIC_ROOT: Env.schema.string.optional(),

  /** SMS gateway (Alibaba Cloud) and WeChat official account; read by services/sms|wechat/config.ts,
   *  which default to the local stubs outside production (docs/identity_providers.md) */
  SMS_ENDPOINT: Env.schema.string.optional(),
  SMS_ACCESS_KEY_ID: Env.schema.string.optional(),
  SMS_ACCESS_KEY_SECRET: Env.schema.secret.optional(),
  SMS_SIGN_NAME: Env.schema.string.optional(),
  SMS_TEMPLATE_CODE: Env.schema.string.optional(),
  SMS_TEMPLATE_CODE_LOGIN: Env.schema.string.optional(),
  SMS_TEMPLATE_CODE_BIND: Env.schema.string.optional(),
  SMS_TEMPLATE_CODE_CHANGE_PHONE: Env.schema.string.optional(),
  SMS_TEMPLATE_CODE_NOTICE: Env.schema.string.optional(),
  SMS_TIMEOUT_MS: Env.schema.number.optional(),
  WECHAT_APP_ID: Env.schema.string.optional(),
  WECHAT_APP_SECRET: Env.schema.secret.optional(),
  WECHAT_API_BASE: Env.schema.string.optional(),
  WECHAT_OPEN_BASE: Env.schema.string.optional(),
  WECHAT_TIMEOUT_MS: Env.schema.number.optional(),
  // messages (app/modules/messages, docs/messages.md): template message ids per kind, delivery retries
  WECHAT_TEMPLATE_NOTICE: Env.schema.string.optional(),
  WECHAT_TEMPLATE_URGE: Env.schema.string.optional(),
  WECHAT_TEMPLATE_REMINDER: Env.schema.string.optional(),
  WECHAT_TEMPLATE_EXPORT: Env.schema.string.optional(),
  MESSAGE_DELIVERY_ATTEMPTS: Env.schema.number.optional(),
  MESSAGE_DELIVERY_BACKOFF_MS: Env.schema.number.optional(),
  // 小区气象公告栏 (app/services/weather, docs/weather.md): QWeather key and API host (the local stub when unset)
  QWEATHER_API_KEY: Env.schema.secret.optional(),
  QWEATHER_API_HOST: Env.schema.string.optional(),
  QWEATHER_TIMEOUT_MS: Env.schema.number.optional(),
  QWEATHER_RETRIES: Env.schema.number.optional(),
  // 物业区域管理's map (docs/areas.md): online tiles only when set (default: the offline layer); gcj02 for Chinese providers
  MAP_TILE_URL: Env.schema.string.optional(),
  MAP_TILE_ATTRIBUTION: Env.schema.string.optional(),
  MAP_TILE_CRS: Env.schema.enum.optional(['wgs84', 'gcj02'] as const),
  // 招标投标进度 (app/modules/tenders/bidding_config.ts): the bidding platform's shared HMAC secret and the timestamp window
  BIDDING_WEBHOOK_SECRET: Env.schema.secret.optional(),
  BIDDING_WEBHOOK_WINDOW_SECONDS: Env.schema.number.optional(),

  // 共有资金情况 (config/common_funds.ts): days to open the account after the 业主大会 filing, rectification period
  COMMON_FUNDS_OPEN_DAYS: Env.schema.number.optional(),
  COMMON_FUNDS_RECTIFY_DAYS: Env.schema.number.optional(),

  // /health/ready (app/modules/health): per-check timeout and the outbox lag that makes it 503
  READY_CHECK_TIMEOUT_MS: Env.schema.number.optional(),
  READY_OUTBOX_MAX_EVENTS: Env.schema.number.optional(),
  READY_OUTBOX_MAX_AGE_SECONDS: Env.schema.number.optional(),
})
