import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column, belongsTo, afterFind } from '@adonisjs/lucid/orm'
import db from '@adonisjs/lucid/services/db'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import Region from '#models/region'
import type { RoleCode } from '#services/roles'

const AuthFinder = withAuthFinder(() => hash.use(), {
  uids: ['phone'],
  passwordColumnName: 'password',
})

export default class User extends compose(BaseModel, AuthFinder) {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare phone: string

  @column({ serializeAs: null })
  declare password: string

  @column()
  declare role: RoleCode

  @column()
  declare regionId: number

  @column()
  declare status: 'active' | 'disabled' | 'deregistered'

  /** who preset this account (权限管理 · 新增); null for seeded accounts */
  @column()
  declare createdBy: number | null

  @column()
  declare failedLogins: number

  @column.dateTime()
  declare lockedUntil: DateTime | null

  @column.dateTime()
  declare lastLoginAt: DateTime | null

  /** WeChat openid of the official account this user bound on the H5 (module 1) */
  @column({ serializeAs: null })
  declare wechatOpenid: string | null

  @column.dateTime()
  declare wechatBoundAt: DateTime | null

  /** bumped by "log out everywhere": sessions stamped with an older epoch are rejected */
  @column({ serializeAs: null })
  declare sessionEpoch: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Region)
  declare region: BelongsTo<typeof Region>

  /**
   * 功能权限 granted to this account (`user_features`), loaded with the user once per find so the
   * feature gate and /api/v1/me read them synchronously; see `userFeatures` in #services/roles.
   */
  declare grantedFeatures?: string[]

  @afterFind()
  static async loadGrantedFeatures(user: User) {
    const rows = await db.from('user_features').where('user_id', user.id).select('feature')
    user.grantedFeatures = rows.map((row: { feature: string }) => row.feature)
  }
}
