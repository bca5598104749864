/**
 * How each message of a sender's list went out (e.g. 通知发布's recipient list): its deliveries by
 * channel with status, attempts, the last error (Chinese) and when it was sent.
 */
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { ZONE } from '#services/clock'

export type DeliveryChannel = 'wechat' | 'sms'
export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'failed'

export interface DeliverySummary {
  channel: DeliveryChannel
  status: DeliveryStatus
  attempts: number
  lastError: string | null
  sentAt: DateTime | null
}

/** message id → its deliveries (WeChat first); a message without any (no WeChat, no SMS) maps to []. */
export async function deliveryStatusOf(messageIds: number[]): Promise<Map<number, DeliverySummary[]>> {
  const result = new Map<number, DeliverySummary[]>()
  const ids = [...new Set(messageIds.filter((id) => Number.isInteger(id) && id > 0))]
  for (const id of ids) result.set(id, [])
  if (ids.length === 0) return result
  const rows = (await db
    .from('message_deliveries')
    .whereRaw('message_id = ANY(?::int[])', [ids] as any[])
    .orderBy('message_id')
    .orderByRaw(`CASE channel WHEN 'wechat' THEN 0 ELSE 1 END`)
    .select('message_id', 'channel', 'status', 'attempts', 'last_error', 'sent_at')) as {
    message_id: number
    channel: DeliveryChannel
    status: DeliveryStatus
    attempts: number
    last_error: string | null
    sent_at: Date | null
  }[]
  for (const row of rows) {
    result.get(Number(row.message_id))!.push({
      channel: row.channel,
      status: row.status,
      attempts: Number(row.attempts),
      lastError: row.last_error,
      sentAt: row.sent_at ? DateTime.fromJSDate(row.sent_at, { zone: ZONE }) : null,
    })
  }
  return result
}
