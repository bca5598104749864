/**
 * What a module does when one of its messages is read (e.g. 通知发布 sets read_at on the notice's
 * receipts). Listeners run inside the transaction that marks the message read — from the inbox, from
 * `markSubjectRead`, from 全部已读 — so the read and its consequences commit together, exactly once
 * (a message already read is never read again).
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DateTime } from 'luxon'

export interface MessageRead {
  readonly userId: number
  readonly subjectId: number
  readonly messageId: number
  readonly readAt: DateTime
}

export type ReadListener = (trx: TransactionClientContract, read: MessageRead) => Promise<void>

const listeners = new Map<string, ReadListener[]>()

/**
 * Registers `listener` for reads of messages about `subjectType` (e.g. 'notice'). Call it once at
 * module load (a module's service file); registering the same function twice is a no-op.
 */
export function onMessageRead(subjectType: string, listener: ReadListener): void {
  const list = listeners.get(subjectType) ?? []
  if (!list.includes(listener)) list.push(listener)
  listeners.set(subjectType, list)
}

/** The messages just marked read, with their subject (rows without a subject have no listener). */
export interface ReadMessageRow {
  id: number
  recipient_id: number
  subject_type: string | null
  subject_id: number | null
}

/** Runs the listeners of every message just marked read, in order, inside `trx`. */
export async function runReadListeners(trx: TransactionClientContract, rows: readonly ReadMessageRow[], readAt: DateTime): Promise<void> {
  for (const row of rows) {
    if (!row.subject_type || row.subject_id === null) continue
    for (const listener of listeners.get(row.subject_type) ?? []) {
      await listener(trx, { userId: row.recipient_id, subjectId: Number(row.subject_id), messageId: Number(row.id), readAt })
    }
  }
}

/** for tests: forget a listener */
export function offMessageRead(subjectType: string, listener: ReadListener): void {
  const list = listeners.get(subjectType)
  if (list) listeners.set(subjectType, list.filter((candidate) => candidate !== listener))
}
