import type { TrainingCourse as CourseWire } from '@szpm/core'
import type TrainingCourse from '#models/training_course'
import type { PersonalDataView } from '#services/masking'

export const COURSE_KIND_NAMES = { video: '视频', document: '文档' } as const
export const COURSE_AUDIENCE_NAMES = { all: '全体从业人员', lead: '项目负责人' } as const

/** one row of 学习记录 (the records list, its export and the estate tab) */
export interface LearningRecordRow {
  /** the learning record */
  id: number
  courseId: number
  courseTitle: string
  courseKind: 'video' | 'document'
  courseKindName: string
  practitionerId: number
  learnerName: string
  post: string
  isLead: boolean
  /** masked unless the user may see personal data */
  phone: string
  districtName: string
  streetName: string
  communityName: string
  estateId: number
  estateName: string
  enrolledAt: string
  progress: number
  /** learned minutes / 60, unrounded */
  hours: number
  completed: boolean
  completedAt: string | null
}

export function transformLearningRecord(row: Record<string, any>, personal: PersonalDataView): LearningRecordRow {
  const kind = row.course_kind as LearningRecordRow['courseKind']
  return {
    id: Number(row.record_id),
    courseId: Number(row.course_id),
    courseTitle: row.course_title,
    courseKind: kind,
    courseKindName: COURSE_KIND_NAMES[kind] ?? kind,
    practitionerId: Number(row.practitioner_id),
    learnerName: row.learner_name,
    post: row.post,
    isLead: Boolean(row.is_lead),
    phone: personal.phone(row.phone),
    districtName: row.district_name,
    streetName: row.street_name,
    communityName: row.community_name,
    estateId: Number(row.estate_id),
    estateName: row.estate_name,
    enrolledAt: new Date(row.enrolled_at).toISOString(),
    progress: Number(row.progress),
    hours: Number(row.learned_minutes) / 60,
    completed: Number(row.progress) >= 100,
    completedAt: row.completed_at ? new Date(row.completed_at).toISOString() : null,
  }
}

export function transformCourse(course: TrainingCourse): CourseWire {
  return {
    id: course.id,
    title: course.title,
    kind: course.kind,
    kindName: COURSE_KIND_NAMES[course.kind],
    summary: course.summary,
    audience: course.audience,
    audienceName: COURSE_AUDIENCE_NAMES[course.audience],
    durationMinutes: course.durationMinutes,
    pageCount: course.pageCount,
    fileName: course.fileName,
    contentType: course.contentType,
    sizeBytes: course.sizeBytes,
    published: course.published,
    version: course.version,
    createdAt: course.createdAt.toISO(),
    updatedAt: course.updatedAt.toISO(),
  }
}
