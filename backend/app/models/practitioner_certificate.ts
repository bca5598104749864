import { DateTime } from 'luxon'
import { BaseModel, column, belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Practitioner from '#models/practitioner'

/** A certificate of a practitioner; `validUntil` null = no expiry; expired is read as of a date, never stored. */
export default class PractitionerCertificate extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare practitionerId: number

  @column()
  declare name: string

  @column()
  declare number: string

  @column.date()
  declare issuedOn: DateTime

  @column.date()
  declare validUntil: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => Practitioner)
  declare practitioner: BelongsTo<typeof Practitioner>
}
