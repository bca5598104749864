import type { HttpContext } from '@adonisjs/core/http'
import { storage } from '#services/file_storage'
import { describeExport } from '#services/audit'
import { excelTime, inBatches, streamExcel, type ExcelColumn } from '#services/excel_export'
import type TrainingCourse from '#models/training_course'
import TrainingService from '#modules/training/training_service'
import { storeCourseMedia } from '#modules/training/training_media'
import { transformCourse } from '#modules/training/training_transformer'
import { courseListValidator, createCourseValidator, progressValidator, updateCourseValidator } from '#modules/training/training_validator'

type CourseRow = ReturnType<typeof transformCourse>

/** the columns of 课程管理's export (the page's table) */
const COURSE_COLUMNS: ExcelColumn<CourseRow>[] = [
  { header: '课程名称', width: 32, value: (row) => row.title },
  { header: '课程类型', width: 10, value: (row) => row.kindName },
  { header: '学习对象', width: 14, value: (row) => row.audienceName },
  { header: '课程时长（分钟）', width: 14, value: (row) => row.durationMinutes },
  { header: '文档页数', width: 10, value: (row) => row.pageCount },
  { header: '课程文件', width: 32, value: (row) => row.fileName },
  { header: '文件大小（KB）', width: 14, value: (row) => Math.ceil(row.sizeBytes / 1024) },
  { header: '状态', width: 10, value: (row) => (row.published ? '已发布' : '已下架') },
  { header: '创建时间', width: 20, value: (row) => excelTime(row.createdAt) },
  { header: '更新时间', width: 20, value: (row) => excelTime(row.updatedAt) },
]

/**
 * 宣传培训's courses and the learner's side: validate → authorize (the route's feature; the learner
 * is the signed-in user's practitioner row) → TrainingService → transformer.
 */
export default class TrainingCoursesController {
  #service = new TrainingService()

  /** GET training/courses — the catalogue */
  async index({ request }: HttpContext) {
    const { page = 1, per_page = 20, ...filters } = await request.validateUsing(courseListValidator, { data: request.qs() })
    const { rows, total } = await this.#service.courses(filters, page, per_page)
    return { data: rows.map(transformCourse), meta: { total, page, perPage: per_page } }
  }

  /** GET training/courses/export — the catalogue with the list's filters, as an Excel download */
  async export(ctx: HttpContext) {
    const { page: _page, per_page: _perPage, ...filters } = await ctx.request.validateUsing(courseListValidator, { data: ctx.request.qs() })
    const service = this.#service
    async function* rows() {
      for await (const course of inBatches<TrainingCourse>(() => service.courseQuery(filters))) yield transformCourse(course)
    }
    await streamExcel<CourseRow>(ctx, '课程列表', '课程', COURSE_COLUMNS, rows())
  }

  /** POST training/media — one course file (mp4 / webm / pdf, ≤ 15MB, checked by its bytes) */
  async upload(ctx: HttpContext) {
    const staged = await storeCourseMedia(ctx, ctx.auth.getUserOrFail().id)
    ctx.response.status(201)
    return { data: { token: staged.token, fileName: staged.fileName, contentType: staged.contentType, kind: staged.kind, sizeBytes: staged.sizeBytes }, meta: {} }
  }

  /** POST training/courses — a course with its uploaded file */
  async store({ request, auth, response }: HttpContext) {
    const input = await request.validateUsing(createCourseValidator)
    const course = await this.#service.createCourse(auth.getUserOrFail(), input)
    response.status(201)
    return { data: transformCourse(course), meta: {} }
  }

  /** PATCH training/courses/:id — its fields, with the version read */
  async update({ request, params }: HttpContext) {
    const input = await request.validateUsing(updateCourseValidator)
    return { data: transformCourse(await this.#service.updateCourse(Number(params.id), input)), meta: {} }
  }

  /** GET training/courses/:id/media — the course's file for the player (inline) */
  async media(ctx: HttpContext) {
    const course = await this.#service.courseForViewer(ctx.auth.getUserOrFail(), Number(ctx.params.id))
    const stream = await storage().getStream(course.storageKey)
    describeExport(ctx, { course_id: course.id, file_name: course.fileName, size_bytes: course.sizeBytes })
    ctx.response.header('Content-Type', course.contentType)
    ctx.response.header('Content-Length', String(course.sizeBytes))
    ctx.response.header('Content-Disposition', `inline; filename="course"; filename*=UTF-8''${encodeURIComponent(course.fileName)}`)
    ctx.response.header('X-Content-Type-Options', 'nosniff')
    ctx.response.stream(stream)
  }

  /** GET training/learning — the signed-in learner's courses with their progress */
  async learning({ auth }: HttpContext) {
    const { learner, courses } = await this.#service.learning(auth.getUserOrFail())
    return {
      data: courses.map(({ course, record }) => ({
        ...transformCourse(course),
        progress: record?.progress ?? 0,
        enrolledAt: record?.enrolledAt.toISO() ?? null,
        completedAt: record?.completedAt?.toISO() ?? null,
      })),
      meta: { learner: learner ? { name: learner.name, isLead: learner.isLead } : null },
    }
  }

  /** POST training/courses/:id/progress — idempotent, never backwards */
  async progress({ request, params, auth }: HttpContext) {
    const { progress } = await request.validateUsing(progressValidator)
    const { course, record } = await this.#service.recordProgress(auth.getUserOrFail(), Number(params.id), progress)
    return {
      data: { courseId: course.id, recordId: record.id, progress: record.progress, hours: record.learnedMinutes / 60, enrolledAt: record.enrolledAt.toISO(), completedAt: record.completedAt?.toISO() ?? null },
      meta: {},
    }
  }
}
