/**
 * What every outbox topic's transformer shares (etl/src/sources/<slug>.ts exports one per statistics
 * module; etl/src/topics.ts collects them): the event, the transformer's shape and payload checks.
 */

export type OutboxEvent = {
  /** bigint as a decimal string (pg returns int8 as string). */
  id: string
  topic: string
  entity_id: string
  payload: unknown
  created_at: Date
}

export type TopicTransformer = {
  /** Target ClickHouse table. */
  readonly table: string
  /** Fact rows for one event. Throws on a malformed payload (the batch fails, the watermark stays). */
  toRows(event: OutboxEvent): Record<string, unknown>[]
}

export class PayloadError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PayloadError'
  }
}

/**
 * A topic whose payload is one source row: `parse` validates it (a PayloadError names the event),
 * `toFactRow` makes the fact row with version = the event id and changed_at = its time.
 */
export function sourceRowTopic<Row>(
  table: string,
  parse: (payload: unknown, event: string) => Row,
  toFactRow: (row: Row, version: string, changedAt: Date) => Record<string, unknown>
): TopicTransformer {
  return {
    table,
    toRows: (event) => [toFactRow(parse(event.payload, `outbox event ${event.id} (${event.topic})`), event.id, event.created_at)],
  }
}

export function toUnixSeconds(value: Date | string): number {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value)
  if (!Number.isFinite(ms)) throw new PayloadError(`invalid timestamp ${String(value)}`)
  return Math.max(0, Math.floor(ms / 1000))
}

/** the payload as an object (a PayloadError otherwise) */
export function payloadObject(payload: unknown, event: string): Record<string, unknown> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new PayloadError(`${event}: payload must be an object`)
  return payload as Record<string, unknown>
}

export function requireId(payload: Record<string, unknown>, key: string, event: string): number {
  const value = Number(payload[key])
  if (!Number.isInteger(value) || value < 0 || value > 4_294_967_295) throw new PayloadError(`${event}: ${key} must be a UInt32, got ${JSON.stringify(payload[key])}`)
  return value
}

/** a YYYY-MM-DD day of the payload (a PayloadError otherwise) */
export function requireDate(payload: Record<string, unknown>, key: string, event: string): string {
  const value = payload[key]
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new PayloadError(`${event}: ${key} must be YYYY-MM-DD, got ${JSON.stringify(value)}`)
  return value
}

/** one of the allowed codes (a PayloadError otherwise) */
export function requireOneOf<T extends string>(payload: Record<string, unknown>, key: string, allowed: readonly T[], event: string): T {
  if (!(allowed as readonly unknown[]).includes(payload[key])) throw new PayloadError(`${event}: ${key} must be one of ${allowed.join('|')}, got ${JSON.stringify(payload[key])}`)
  return payload[key] as T
}
