import { DateTime } from 'luxon'
import { BaseModel, column, belongsTo, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import Estate from '#models/estate'
import FilingEvent from '#models/filing_event'
import type { FilingKind } from '@szpm/core'

export type FilingRecordStatus = 'filed' | 'expired' | 'withdrawn'

export default class Filing extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare estateId: number

  @column()
  declare kind: FilingKind

  @column()
  declare status: FilingRecordStatus

  @column()
  declare documentNo: string

  @column.date()
  declare filedOn: DateTime

  @column.date()
  declare expiresOn: DateTime | null

  @column()
  declare version: number

  @column()
  declare createdBy: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Estate)
  declare estate: BelongsTo<typeof Estate>

  @hasMany(() => FilingEvent)
  declare events: HasMany<typeof FilingEvent>
}
