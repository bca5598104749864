import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Estate from '#models/estate'
import type { ParkingDisputeType } from '@szpm/core'

/** 住宅小区车位纠纷: one parking dispute of an estate (migration 0021). */
export default class ParkingDispute extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare estateId: number

  @column()
  declare disputeType: ParkingDisputeType

  @column.date()
  declare occurredOn: DateTime

  @column()
  declare status: 'open' | 'resolved'

  @column()
  declare summary: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => Estate)
  declare estate: BelongsTo<typeof Estate>
}
