import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import { E } from '#tests/support/world'

/**
 * 电子投票 tests' register (domain-rules.md §1): the world's estate e1's 100 houses are
 * re-registered as below (areas differ so that area and owner count disagree):
 *
 *   n 1–60   one owner each (owner 200+n), area 80 + n m² (n 1–60 → 81 … 140 m²)
 *   n 61–70  one buyer, owner 300, 10 houses of 95.55 m²
 *   n 71–80  co-owned by owners 401 (first) and 402, 120.01 m² each
 *   n 81–90  the developer's (unsold), its owners row 500, 99.99 m²
 *   n 91–100 nobody registered, 60 m²
 *
 * Accounts (role owner): 2001 bound to owners 201–260 (one account per owner in life; one here to keep
 * the fixture small — the rule checked is "bound to an owner of that house"), 2002 → 300, 2003 → 402
 * (the co-owner, not the first owner), 2004 → 500 (the developer), 2005 bound to nobody.
 */
export const OPEN = '2026-12-01T09:00:00+08:00'
export const CLOSE = '2026-12-15T18:00:00+08:00'
export const DURING = '2026-12-07T10:00:00+08:00'

export async function registerEstate() {
  await db.rawQuery(`INSERT INTO owners (id, name, phone, id_number)
    SELECT id, '业主' || id, '1380000' || lpad(id::text, 4, '0'), '4403041980010' || lpad(id::text, 5, '0')
      FROM (SELECT generate_series(201, 260) AS id UNION ALL VALUES (300), (401), (402), (500)) AS o`)
  await db.rawQuery(`UPDATE houses h SET
      building_area = CASE WHEN n <= 60 THEN 80 + n WHEN n <= 70 THEN 95.55 WHEN n <= 80 THEN 120.01 WHEN n <= 90 THEN 99.99 ELSE 60 END,
      owner_id = CASE WHEN n <= 60 THEN 200 + n WHEN n <= 70 THEN 300 WHEN n <= 80 THEN 401 WHEN n <= 90 THEN 500 END,
      developer_held = n BETWEEN 81 AND 90
    FROM (SELECT id, number::int AS n FROM houses WHERE estate_id = ?) AS x WHERE h.id = x.id`, [E.e1])
  await db.rawQuery(`INSERT INTO house_co_owners (house_id, owner_id) SELECT id, 402 FROM houses WHERE estate_id = ? AND number::int BETWEEN 71 AND 80`, [E.e1])
  const password = await hash.make('Owner@2026pw')
  await db.table('users').multiInsert([2001, 2002, 2003, 2004, 2005].map((id) => ({
    id, name: `业主账号${id}`, phone: `1370000${id}`, password, role: 'owner', region_id: 7, status: 'active',
  })))
  await db.rawQuery(`INSERT INTO owner_accounts (user_id, owner_id)
    SELECT 2001, generate_series(201, 260) UNION ALL VALUES (2002, 300), (2003, 402), (2004, 500)`)
}

export async function houseIds(): Promise<Map<number, number>> {
  const rows = await db.from('houses').where('estate_id', E.e1).select('id', 'number')
  return new Map(rows.map((r) => [Number(r.number), Number(r.id)]))
}

