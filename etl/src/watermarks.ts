import type { QueryFn } from './pg.ts'

export const OUTBOX_WATERMARK = 'outbox'

/** Last processed outbox id as a decimal string ('0' when never set). */
export async function getWatermark(queryFn: QueryFn, name: string = OUTBOX_WATERMARK): Promise<string> {
  const rows = await queryFn<{ last_id: string }>('select last_id::text as last_id from etl_watermarks where name = $1', [name])
  return rows[0]?.last_id ?? '0'
}

export async function setWatermark(queryFn: QueryFn, name: string, lastId: string | bigint | number): Promise<void> {
  await queryFn(
    `insert into etl_watermarks (name, last_id, updated_at) values ($1, $2, now())
     on conflict (name) do update set last_id = excluded.last_id, updated_at = now()`,
    [name, String(lastId)],
  )
}
