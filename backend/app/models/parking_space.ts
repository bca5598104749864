import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Estate from '#models/estate'
import type { ParkingSpaceKind, ParkingSpaceStatus } from '@szpm/core'

/** 车位信息: one parking space of an estate (migration 0021). */
export default class ParkingSpace extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare estateId: number

  @column()
  declare kind: ParkingSpaceKind

  @column()
  declare code: string

  @column()
  declare location: string

  @column()
  declare status: ParkingSpaceStatus

  @column()
  declare version: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Estate)
  declare estate: BelongsTo<typeof Estate>
}
