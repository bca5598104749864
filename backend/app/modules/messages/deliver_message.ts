/**
 * The delivery processor: sends one WeChat template message or SMS of a message and records what
 * happened. Idempotent — a job run twice, or retried after the worker died between the provider's
 * answer and the record, never reaches the user twice:
 *
 * - a delivery already `sent` (or `failed` for good) is left alone;
 * - the WeChat call carries `client_msg_id = szpm-delivery-<id>`, which WeChat (and the stub)
 *   de-duplicates per recipient: the repeat answers the first msgid and delivers nothing.
 *
 * Each attempt is recorded (`sending`, attempts + 1), then `sent` with the provider's id, or the
 * error (Chinese) in `last_error`: `queued` again for BullMQ's retry with backoff, `failed` after the
 * last attempt or at once when retrying cannot help (the user does not follow the account: 43004).
 * When WeChat fails for good and the module asked for it, an SMS delivery takes over. Every state
 * change is appended to `message_delivery_events`.
 */
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { pagesOf } from '@szpm/core'
import { appUrl } from '#config/app'
import clock from '#services/clock'
import { SmsSendError, createSmsProvider, type SmsProvider } from '#services/sms/main'
import { WechatApiError, wechatClient, type WechatClient } from '#services/wechat/main'
import { enqueueDeliveries } from './delivery_queue.ts'
import type { MessageKind } from './notification.ts'

export interface DeliverOptions {
  /** attempts that failed before this one (BullMQ's `job.attemptsMade`) */
  attemptsMade: number
  /** the job's attempts (the last one records `failed`) */
  maxAttempts: number
  wechat?: WechatClient
  sms?: SmsProvider
  /** fault injection for tests: runs after the provider accepted, before the record (throwing = the worker died there) */
  afterSend?: (deliveryId: number) => Promise<void> | void
}

export type DeliverOutcome = 'sent' | 'already_done' | 'missing' | 'retry' | 'failed'

/** WeChat errcodes retrying cannot fix: the user does not follow the account, the openid is invalid */
const PERMANENT_WECHAT_ERRORS = new Set([43004, 40003, 40037, 48001])

/** The template message id of each kind of message (WECHAT_TEMPLATE_<KIND>; the stub accepts the defaults). */
export function wechatTemplateId(kind: MessageKind, env: Record<string, string | undefined> = process.env): string {
  const variable = `WECHAT_TEMPLATE_${kind.toUpperCase()}`
  return env[variable]?.trim() || `szpm-${kind}-template`
}

/**
 * The H5 page a message opens: its subject's page (`/m/<path with :id>`) when the subject's page is
 * in the H5, else the message itself (`/m/messages/<id>`), under the public URL (APP_URL).
 */
export function deepLink(message: { id: number; subject_page: string | null; subject_id: number | null }, baseUrl: string = appUrl): string {
  const base = baseUrl.replace(/\/+$/, '')
  const page = message.subject_page && message.subject_id !== null ? pagesOf('h5').find((candidate) => candidate.name === message.subject_page) : undefined
  const path = page ? page.path.replace(/:id(\([^)]*\))?/, String(message.subject_id)) : `/messages/${message.id}`
  return `${base}/m${path}`
}

interface DeliveryRow {
  id: number
  message_id: number
  channel: 'wechat' | 'sms'
  status: 'queued' | 'sending' | 'sent' | 'failed'
  attempts: number
  kind: MessageKind
  title: string
  summary: string
  subject_page: string | null
  subject_id: number | null
  sms_fallback: boolean
  created_at: Date
  wechat_openid: string | null
  phone: string
}

/** a failure: its Chinese reason and whether another attempt may succeed */
class DeliveryFailure extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }
}

async function record(trx: TransactionClientContract, id: number, status: string, attempt: number, error: string | null, extra: Record<string, unknown> = {}) {
  const now = clock.now().toJSDate()
  await trx.from('message_deliveries').where('id', id).update({ status, updated_at: now, ...extra })
  await trx.table('message_delivery_events').insert({ delivery_id: id, status, attempt, error, created_at: now })
}

function formatTime(value: Date) {
  return new Date(value).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16)
}

async function send(row: DeliveryRow, options: DeliverOptions): Promise<string> {
  const link = deepLink({ id: Number(row.message_id), subject_page: row.subject_page, subject_id: row.subject_id })
  if (row.channel === 'wechat') {
    if (!row.wechat_openid) throw new DeliveryFailure('用户未绑定微信', true)
    try {
      const { msgid } = await (options.wechat ?? wechatClient()).sendTemplateMessage({
        touser: row.wechat_openid,
        templateId: wechatTemplateId(row.kind),
        url: link,
        data: {
          first: { value: row.title },
          keyword1: { value: row.summary.slice(0, 200) },
          keyword2: { value: formatTime(row.created_at) },
          remark: { value: '点击查看详情' },
        },
        clientMsgId: `szpm-delivery-${row.id}`,
      })
      return String(msgid)
    } catch (error) {
      if (error instanceof WechatApiError) {
        throw new DeliveryFailure(error.message, PERMANENT_WECHAT_ERRORS.has(error.errcode), { cause: error })
      }
      throw new DeliveryFailure(`微信模板消息发送失败：${(error as Error).message}`, false, { cause: error })
    }
  }
  try {
    await (options.sms ?? createSmsProvider()).send(row.phone, 'notice', { title: row.title.slice(0, 20), link })
    return `sms-${row.id}`
  } catch (error) {
    const reason = error instanceof SmsSendError ? `短信发送失败（${error.providerCode}）` : `短信发送失败：${(error as Error).message}`
    throw new DeliveryFailure(reason, false, { cause: error })
  }
}

/** Runs one attempt of delivery `deliveryId` (see the file comment). Throws when BullMQ should retry or record a failed job. */
export async function deliverMessage(deliveryId: number, options: DeliverOptions): Promise<DeliverOutcome> {
  const row = (await db
    .from('message_deliveries as d')
    .join('messages as m', 'm.id', 'd.message_id')
    .join('users as u', 'u.id', 'm.recipient_id')
    .where('d.id', deliveryId)
    .select('d.id', 'd.message_id', 'd.channel', 'd.status', 'd.attempts', 'm.kind', 'm.title', 'm.summary', 'm.subject_page', 'm.subject_id',
      'm.sms_fallback', 'm.created_at', 'u.wechat_openid', 'u.phone')
    .first()) as DeliveryRow | null
  if (!row) return 'missing'
  if (row.status === 'sent' || row.status === 'failed') return 'already_done'

  const attempt = Number(row.attempts) + 1
  await db.transaction((trx) => trx
    .from('message_deliveries').where('id', deliveryId).update({ attempts: attempt })
    .then(() => record(trx, deliveryId, 'sending', attempt, null)))

  let externalId: string
  try {
    externalId = await send(row, options)
  } catch (error) {
    const failure = error instanceof DeliveryFailure ? error : new DeliveryFailure(`发送失败：${(error as Error).message}`, false, { cause: error })
    const last = failure.permanent || options.attemptsMade + 1 >= options.maxAttempts
    const fallbackIds = await db.transaction(async (trx) => {
      await record(trx, deliveryId, last ? 'failed' : 'queued', attempt, failure.message, { last_error: failure.message })
      if (!last || row.channel !== 'wechat' || !row.sms_fallback) return []
      // WeChat refused for good: the module asked for SMS in that case
      const now = clock.now().toJSDate()
      const created = (await trx.rawQuery(
        `INSERT INTO message_deliveries (message_id, channel, status, queued_at, updated_at) VALUES (?, 'sms', 'queued', ?, ?)
         ON CONFLICT (message_id, channel) DO NOTHING RETURNING id`,
        [row.message_id, now, now]
      )).rows as { id: number }[]
      for (const { id } of created) await trx.table('message_delivery_events').insert({ delivery_id: id, status: 'queued', attempt: 0, error: null, created_at: now })
      return created.map(({ id }) => Number(id))
    })
    await enqueueDeliveries(fallbackIds)
    // a permanent refusal is not retried: the job ends normally, the delivery says why it failed
    if (failure.permanent) return 'failed'
    throw failure
  }

  // fault injection point: the provider has the message, nothing is recorded yet
  await options.afterSend?.(deliveryId)

  await db.transaction((trx) =>
    record(trx, deliveryId, 'sent', attempt, null, { sent_at: clock.now().toJSDate(), external_id: externalId, last_error: null })
  )
  return 'sent'
}
