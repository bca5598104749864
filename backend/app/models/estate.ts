import { DateTime } from 'luxon'
import { BaseModel, column, belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Region from '#models/region'

export const ESTATE_TYPES = ['住宅', '商业', '办公', '混合'] as const

export default class Estate extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare communityId: number

  @column()
  declare streetId: number

  @column()
  declare districtId: number

  @column()
  declare name: string

  @column()
  declare address: string

  @column()
  declare estateType: string

  @column()
  declare lng: number | null

  @column()
  declare lat: number | null

  @column({ consume: (value) => Number(value) })
  declare buildingArea: number

  @column()
  declare houseCount: number

  @column()
  declare householdCount: number

  @column()
  declare companyName: string | null

  @column()
  declare managerName: string | null

  @column()
  declare managerPhone: string | null

  @column()
  declare hasCommittee: boolean

  @column()
  declare committeeDirector: string | null

  @column()
  declare hasPartyOrg: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Region, { foreignKey: 'communityId' })
  declare community: BelongsTo<typeof Region>

  @belongsTo(() => Region, { foreignKey: 'streetId' })
  declare street: BelongsTo<typeof Region>

  @belongsTo(() => Region, { foreignKey: 'districtId' })
  declare district: BelongsTo<typeof Region>
}
