import { DateTime } from 'luxon'
import { BaseModel, column, belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#models/user'

/** Append-only history of a filing: never updated or deleted. */
export default class FilingEvent extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare filingId: number

  @column()
  declare action: 'create' | 'expire' | 'renew' | 'withdraw'

  @column()
  declare fromStatus: string | null

  @column()
  declare toStatus: string

  @column()
  declare actorId: number | null

  @column()
  declare remark: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => User, { foreignKey: 'actorId' })
  declare actor: BelongsTo<typeof User>
}
