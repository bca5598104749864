import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type CourseKind = 'video' | 'document'
/** who the course is for: every estate practitioner, or only the 项目负责人 */
export type CourseAudience = 'all' | 'lead'

/** 宣传培训: a course (migration 0023 `training_courses`); its file lives in the storage disk under `storageKey`. */
export default class TrainingCourse extends BaseModel {
  static table = 'training_courses'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare title: string

  @column()
  declare kind: CourseKind

  @column()
  declare summary: string

  @column()
  declare audience: CourseAudience

  @column()
  declare durationMinutes: number

  @column()
  declare pageCount: number | null

  @column()
  declare fileName: string

  @column()
  declare contentType: string

  @column({ consume: (value) => Number(value) })
  declare sizeBytes: number

  @column()
  declare storageKey: string

  @column()
  declare published: boolean

  @column()
  declare createdBy: number | null

  @column()
  declare version: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
