import { BaseModel, column, belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { RegionLevel } from '@szpm/core'

export default class Region extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare parentId: number | null

  @column()
  declare level: Exclude<RegionLevel, 'estate'>

  @column()
  declare code: string | null

  @column()
  declare name: string

  @column()
  declare districtId: number | null

  @column()
  declare streetId: number | null

  @column()
  declare sort: number

  @belongsTo(() => Region, { foreignKey: 'parentId' })
  declare parent: BelongsTo<typeof Region>
}
