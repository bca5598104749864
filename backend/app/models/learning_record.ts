import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** 宣传培训: one practitioner's learning of one course (migration 0023 `learning_records`). */
export default class LearningRecord extends BaseModel {
  static table = 'learning_records'

  @column({ isPrimary: true, consume: (value) => Number(value) })
  declare id: number

  @column()
  declare courseId: number

  @column()
  declare practitionerId: number

  @column.dateTime()
  declare enrolledAt: DateTime

  /** 0–100, never backwards */
  @column()
  declare progress: number

  @column()
  declare learnedMinutes: number

  @column.dateTime()
  declare completedAt: DateTime | null

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
