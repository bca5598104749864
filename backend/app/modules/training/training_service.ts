import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { Exception } from '@adonisjs/core/exceptions'
import { writeLearningRecordOutbox } from '@szpm/etl'
import TrainingCourse, { type CourseAudience, type CourseKind } from '#models/training_course'
import LearningRecord from '#models/learning_record'
import type User from '#models/user'
import { NotFoundInScope } from '#services/region_scope'
import { userFeatures } from '#services/roles'
import { containing } from '#services/like_pattern'
import { StaleRecord } from '#modules/filings/filing_service'
import { stagedMedia } from '#modules/training/training_media'

/** the estate practitioner a signed-in user is (module 9's `practitioners`, matched by phone) */
export interface Learner {
  id: number
  name: string
  estateId: number
  isLead: boolean
}

export interface CourseInput {
  title: string
  summary?: string
  audience: CourseAudience
  duration_minutes: number
  page_count?: number | null
  published?: boolean
}

/**
 * Appends the current row of the given learning records (宣传培训: one `learning_record` event each)
 * to the outbox, inside the caller's transaction, after the change.
 */
export async function publishLearningRecords(trx: TransactionClientContract, recordIds: number[]) {
  if (recordIds.length === 0) return
  await writeLearningRecordOutbox((sql, params) => trx.rawQuery(sql, params as any[]).then((result) => result.rows), recordIds, { paramStyle: 'knex' })
}

/** the minutes a progress step counts: the course's length × progress, whole minutes */
export const learnedMinutes = (durationMinutes: number, progress: number) => Math.round((durationMinutes * progress) / 100)

/**
 * 宣传培训: courses (city-wide; kept by `training.manage`), and the learner's own side — the courses
 * open to them and their progress, one learning record per course, enrolled on the first step.
 */
export default class TrainingService {
  /** the course catalogue (every course, newest first), paged */
  async courses(filters: { q?: string; kind?: CourseKind }, page: number, perPage: number) {
    const result = await this.courseQuery(filters).paginate(page, perPage)
    return { rows: result.all(), total: result.total }
  }

  /** the catalogue matching the filters, newest first (the list's page and its export) */
  courseQuery(filters: { q?: string; kind?: CourseKind }) {
    const query = TrainingCourse.query()
    if (filters.q) query.whereILike('title', containing(filters.q))
    if (filters.kind) query.where('kind', filters.kind)
    return query.orderBy('created_at', 'desc').orderBy('id', 'desc')
  }

  async createCourse(user: User, input: CourseInput & { kind: CourseKind; media_token: string }) {
    const media = await stagedMedia(input.media_token, user.id, input.kind)
    return db.transaction(async (trx) => {
      // a token is claimed once: the storage key is unique
      const claimed = await trx.from('training_courses').where('storage_key', media.storageKey).first()
      if (claimed) throw new Exception('课程文件已被使用，请重新上传', { status: 422, code: 'E_MEDIA_CLAIMED' })
      return TrainingCourse.create(
        {
          title: input.title,
          kind: input.kind,
          summary: input.summary ?? '',
          audience: input.audience,
          durationMinutes: input.duration_minutes,
          pageCount: input.kind === 'document' ? (input.page_count ?? null) : null,
          fileName: media.fileName,
          contentType: media.contentType,
          sizeBytes: media.sizeBytes,
          storageKey: media.storageKey,
          published: input.published ?? true,
          createdBy: user.id,
          version: 1,
        },
        { client: trx }
      )
    })
  }

  /**
   * Changes a course (the version rule of filings: a stale version is a 409). A new length recounts
   * the learned minutes of its records, which reach the warehouse in the same transaction.
   */
  async updateCourse(courseId: number, input: CourseInput & { version: number }) {
    const course = await this.course(courseId)
    return db.transaction(async (trx) => {
      const updated = await trx
        .from('training_courses')
        .where('id', course.id)
        .where('version', input.version)
        .update({
          title: input.title,
          summary: input.summary ?? course.summary,
          audience: input.audience,
          duration_minutes: input.duration_minutes,
          page_count: course.kind === 'document' ? (input.page_count ?? null) : null,
          published: input.published ?? course.published,
          version: input.version + 1,
          updated_at: new Date(),
        })
      if (Number(updated) !== 1 && !(Array.isArray(updated) && updated.length === 1)) throw new StaleRecord()
      if (input.duration_minutes !== course.durationMinutes) {
        const changed = await trx.rawQuery(
          `UPDATE learning_records SET learned_minutes = round(? * progress / 100.0)::int, updated_at = now()
            WHERE course_id = ? AND learned_minutes <> round(? * progress / 100.0)::int RETURNING id`,
          [input.duration_minutes, course.id, input.duration_minutes]
        )
        await publishLearningRecords(trx, changed.rows.map((row: { id: string }) => Number(row.id)))
      }
      return TrainingCourse.query({ client: trx }).where('id', course.id).firstOrFail()
    })
  }

  async course(courseId: number) {
    const course = await TrainingCourse.find(courseId)
    if (!course) throw new NotFoundInScope()
    return course
  }

  /** the estate practitioner the user is (by phone), or null */
  async learner(user: User): Promise<Learner | null> {
    const row = await db
      .from('practitioners')
      .where('phone', user.phone)
      .where('staff_group', 'estate')
      .orderBy('is_lead', 'desc')
      .orderBy('id')
      .select('id', 'name', 'estate_id', 'is_lead')
      .first()
    return row ? { id: row.id, name: row.name, estateId: row.estate_id, isLead: row.is_lead } : null
  }

  /** the published courses open to the learner (their audience), with the learner's record of each */
  async learning(user: User) {
    const learner = await this.learner(user)
    if (!learner) return { learner: null, courses: [] }
    const courses = await TrainingCourse.query()
      .where('published', true)
      .if(!learner.isLead, (query) => query.where('audience', 'all'))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
    const records = await LearningRecord.query().where('practitioner_id', learner.id).whereIn('course_id', courses.map((course) => course.id))
    const recordOf = new Map(records.map((record) => [record.courseId, record]))
    return { learner, courses: courses.map((course) => ({ course, record: recordOf.get(course.id) ?? null })) }
  }

  /** a course the user may open: the catalogue's readers, or a learner of its audience; else 404 */
  async courseForViewer(user: User, courseId: number) {
    const course = await this.course(courseId)
    const features = userFeatures(user)
    if (features.includes('training.view') || features.includes('training.manage')) return course
    const learner = await this.learner(user)
    if (!learner || !course.published || (course.audience === 'lead' && !learner.isLead)) throw new NotFoundInScope()
    return course
  }

  /**
   * 记录学习进度: the learner's record of the course moves to `progress` — enrolled on the first step,
   * never backwards (a lower or equal value changes nothing: the request is idempotent), completed at
   * 100 — and reaches the warehouse in the same transaction. A course the user may not learn is a 404.
   */
  async recordProgress(user: User, courseId: number, progress: number) {
    const learner = await this.learner(user)
    const course = await this.course(courseId)
    if (!learner || !course.published || (course.audience === 'lead' && !learner.isLead)) throw new NotFoundInScope()
    return db.transaction(async (trx) => {
      const now = new Date()
      const inserted = await trx.rawQuery(
        `INSERT INTO learning_records (course_id, practitioner_id, enrolled_at, progress, learned_minutes, updated_at)
         VALUES (?, ?, ?, 0, 0, ?) ON CONFLICT (practitioner_id, course_id) DO NOTHING RETURNING id`,
        [course.id, learner.id, now, now]
      )
      const record = await LearningRecord.query({ client: trx }).where({ course_id: course.id, practitioner_id: learner.id }).forUpdate().firstOrFail()
      const changed = inserted.rows.length > 0 || progress > record.progress
      if (progress > record.progress) {
        await trx
          .from('learning_records')
          .where('id', record.id)
          .update({
            progress,
            learned_minutes: learnedMinutes(course.durationMinutes, progress),
            completed_at: progress === 100 ? now : null,
            updated_at: now,
          })
      }
      if (changed) await publishLearningRecords(trx, [record.id])
      return { course, record: await LearningRecord.query({ client: trx }).where('id', record.id).firstOrFail() }
    })
  }
}
