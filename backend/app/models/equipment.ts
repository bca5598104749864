import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { EquipmentCategory, EquipmentStatus } from '@szpm/core'

/** 物业区域管理 · 设施设备: one facility or piece of equipment of an estate (migration 0039). */
export default class Equipment extends BaseModel {
  static table = 'equipment'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare estateId: number

  @column()
  declare code: string

  @column()
  declare name: string

  @column()
  declare category: EquipmentCategory

  @column()
  declare location: string

  @column()
  declare quantity: number

  @column.date()
  declare commissionedOn: DateTime | null

  @column()
  declare status: EquipmentStatus

  @column()
  declare version: number

  @column()
  declare importId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
