import vine from '@vinejs/vine'
import { labelled } from '#validators/messages'
import { idField, integer, pageField, perPageField, versionField } from '#validators/numbers'

/** the Chinese labels of 宣传培训's fields (a course's `kind` is 课程类型, not the default 备案类型) */
const LABELS = {
  course_id: '课程',
  group: '人员类别',
  completed: '完成情况',
  kind: '课程类型',
  title: '课程名称',
  summary: '课程简介',
  audience: '学习对象',
  duration_minutes: '课程时长（分钟）',
  page_count: '文档页数',
  media_token: '课程文件',
  published: '发布状态',
  progress: '学习进度',
}

/** 学习记录's query string (the list and its export) */
export const learningRecordListValidator = labelled(
  vine.create({
    region_id: idField({ query: true }).optional(),
    estate_id: idField({ query: true }).optional(),
    course_id: idField({ query: true }).optional(),
    group: vine.enum(['staff', 'lead'] as const).optional(),
    completed: vine.enum(['0', '1'] as const).optional(),
    q: vine.string().trim().maxLength(50).optional(),
    page: pageField().optional(),
    per_page: perPageField().optional(),
  }),
  LABELS
)

/** 课程列表's query string */
export const courseListValidator = labelled(
  vine.create({
    q: vine.string().trim().maxLength(50).optional(),
    kind: vine.enum(['video', 'document'] as const).optional(),
    page: pageField().optional(),
    per_page: perPageField().optional(),
  }),
  LABELS
)

const courseFields = {
  title: vine.string().trim().minLength(1).maxLength(100),
  summary: vine.string().trim().maxLength(1000).optional(),
  audience: vine.enum(['all', 'lead'] as const),
  duration_minutes: integer({ min: 1, max: 6000 }),
  page_count: integer({ min: 1, max: 10000 }).optional().nullable(),
  published: vine.boolean({ strict: true }).optional(),
}

/** 新建课程: the fields and the token of the uploaded file (POST training/media) */
export const createCourseValidator = labelled(
  vine.create({
    ...courseFields,
    kind: vine.enum(['video', 'document'] as const),
    media_token: vine.string().trim().uuid(),
  }),
  LABELS,
  { 'media_token.uuid': '课程文件已失效，请重新上传' }
)

/** 修改课程: the fields and the version read (a stale version is a 409); the file and kind stay */
export const updateCourseValidator = labelled(
  vine.create({
    ...courseFields,
    version: versionField(),
  }),
  LABELS
)

/** 记录学习进度: how far the learner got (0–100, never backwards) */
export const progressValidator = labelled(
  vine.create({
    progress: integer({ min: 0, max: 100 }),
  }),
  LABELS
)
