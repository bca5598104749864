import db from '@adonisjs/lucid/services/db'
import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import User from '#models/user'

/**
 * The binding check of an owner (domain-rules.md §1, issue 17): on the H5 an owner chooses 业主, enters
 * name + phone and the SMS code; the house register (`owners`) must name them with exactly that name
 * and phone. Binding gives them one owner account (role `owner`, signed in through WeChat only: its
 * password is random and never told), bound to every register owner row with that name and phone
 * (`owner_accounts`), with the estates of those owners' houses as its data scope (`user_estates`,
 * relation owner). Binding again later adds owner rows the register has gained since.
 */
export default class OwnerBindingService {
  /** the register owners with exactly this name and phone (ids), none when the register does not know them */
  async registerOwners(name: string, phone: string): Promise<number[]> {
    const rows = await db.from('owners').where({ name, phone }).orderBy('id').select('id')
    return rows.map((row) => Number(row.id))
  }

  /** the account this phone already has, if any */
  accountOf(phone: string) {
    return User.query().where('phone', phone).first()
  }

  /** binds (in one transaction) and returns the owner account, creating it on the first binding */
  async bind(name: string, phone: string, ownerIds: number[], openid: string): Promise<User> {
    return db.transaction(async (trx) => {
      const estates = await trx.rawQuery(
        `SELECT DISTINCT h.estate_id, e.community_id FROM houses h JOIN estates e ON e.id = h.estate_id
          WHERE h.owner_id = ANY(?::bigint[]) OR h.id IN (SELECT house_id FROM house_co_owners WHERE owner_id = ANY(?::bigint[]))
          ORDER BY h.estate_id`, [ownerIds, ownerIds])
      let user = await User.query({ client: trx }).where('phone', phone).forUpdate().first()
      if (!user) {
        if (estates.rows.length === 0) throw new Error('an owner of the register without a house cannot be bound')
        user = new User().useTransaction(trx)
        user.merge({
          name, phone, role: 'owner', status: 'active', regionId: Number(estates.rows[0].community_id),
          // hashed by the model on save (withAuthFinder)
          password: randomBytes(24).toString('base64url'),
        })
      }
      user.wechatOpenid = openid
      user.wechatBoundAt = DateTime.now()
      await user.useTransaction(trx).save()
      await trx.rawQuery(
        `INSERT INTO owner_accounts (user_id, owner_id) SELECT ?, unnest(?::bigint[]) ON CONFLICT DO NOTHING`, [user.id, ownerIds])
      for (const row of estates.rows) {
        await trx.rawQuery(
          `INSERT INTO user_estates (user_id, estate_id, relation, created_at) VALUES (?, ?, 'owner', now())
           ON CONFLICT DO NOTHING`, [user.id, Number(row.estate_id)])
      }
      return user
    })
  }
}
