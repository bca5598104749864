/** Wire types of 宣传培训 (module 11): the learner's courses and progress. */

export type CourseKind = 'video' | 'document'
export type CourseAudience = 'all' | 'lead'

/** a course as the catalogue and the player show it */
export interface TrainingCourse {
  id: number
  title: string
  kind: CourseKind
  /** 视频 / 文档 */
  kindName: string
  summary: string
  audience: CourseAudience
  /** 全体从业人员 / 项目负责人 */
  audienceName: string
  durationMinutes: number
  pageCount: number | null
  fileName: string
  contentType: string
  sizeBytes: number
  published: boolean
  version: number
  createdAt: string | null
  updatedAt: string | null
}

/** one course of 我的学习 with the learner's own progress */
export interface LearningCourse extends TrainingCourse {
  /** 0–100 */
  progress: number
  enrolledAt: string | null
  completedAt: string | null
}

export interface LearningMeta {
  /** the estate practitioner the signed-in user is (by phone); null = not a learner */
  learner: { name: string; isLead: boolean } | null
}

/** the answer of a progress step */
export interface LearningProgress {
  courseId: number
  recordId: number
  progress: number
  /** learned hours, unrounded */
  hours: number
  enrolledAt: string | null
  completedAt: string | null
}

/** an uploaded course file (POST training/media), before a course claims it by `token` */
export interface UploadedCourseMedia {
  token: string
  fileName: string
  contentType: string
  kind: CourseKind
  sizeBytes: number
}

/** 课程列表's filters */
export interface CourseListQuery {
  q?: string
  kind?: CourseKind
  page?: number
  per_page?: number
}

/** the fields of a course (新建课程 adds `kind` and `media_token`, 修改课程 `version`) */
export interface CourseInput {
  title: string
  summary?: string
  audience: CourseAudience
  duration_minutes: number
  page_count?: number | null
  published?: boolean
}
