import { DateTime } from 'luxon'
import { BaseModel, column, belongsTo, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import type { StaffGroup } from '@szpm/core'
import Estate from '#models/estate'
import PractitionerCertificate from '#models/practitioner_certificate'

/**
 * A practitioner (从业人员信息, module 9): an estate's (`staffGroup` 'estate', `estateId` set) or a
 * property company's own ('company'). Region columns are filled by the database (migration 0020).
 * ID number and phone are stored in full: serve them through `#services/masking`.
 */
export default class Practitioner extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare staffGroup: StaffGroup

  @column()
  declare estateId: number | null

  @column()
  declare companyName: string

  @column()
  declare companyCreditCode: string | null

  @column()
  declare communityId: number

  @column()
  declare streetId: number

  @column()
  declare districtId: number

  @column()
  declare name: string

  @column({ serializeAs: null })
  declare idNumber: string

  @column({ serializeAs: null })
  declare phone: string

  /** a code of STAFF_POSTS */
  @column()
  declare post: string

  @column()
  declare isLead: boolean

  @column.date()
  declare hiredOn: DateTime | null

  @column()
  declare version: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Estate)
  declare estate: BelongsTo<typeof Estate>

  @hasMany(() => PractitionerCertificate)
  declare certificates: HasMany<typeof PractitionerCertificate>
}
