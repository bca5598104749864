import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { ApiError, type CourseAudience, type CourseKind, type TrainingCourse } from '@szpm/api'
import { api } from '@/api/client'
import { useEditDialog } from '@/composables/useEditDialog'
import { usePagedQueryList } from '@/composables/usePagedQueryList'
import { confirmed, failureMessage } from '@/utils/feedback'
import { queryString } from '@/utils/format'

/** the upload rules of POST training/media (the server checks them again, by the bytes) */
export const MEDIA_RULES: Record<CourseKind, { accept: string; hint: string }> = {
  video: { accept: '.mp4,.webm,video/mp4,video/webm', hint: '支持 MP4、WebM 视频，不超过 15 MB' },
  document: { accept: '.pdf,application/pdf', hint: '支持 PDF 文档，不超过 15 MB' },
}
export const MAX_MEDIA_BYTES = 15 * 1024 * 1024

interface CourseForm {
  title: string
  kind: CourseKind
  summary: string
  audience: CourseAudience
  duration_minutes: number | undefined
  page_count: number | undefined
  published: boolean
  media_token: string
  media_name: string
}

const emptyForm = (): CourseForm => ({
  title: '', kind: 'video', summary: '', audience: 'all', duration_minutes: undefined, page_count: undefined, published: true, media_token: '', media_name: '',
})

/** a course's fields as PATCH training/courses/:id takes them (`published` as given) */
const fieldsOf = (course: TrainingCourse, published: boolean) => ({
  title: course.title,
  summary: course.summary,
  audience: course.audience,
  duration_minutes: course.durationMinutes,
  page_count: course.kind === 'document' ? course.pageCount : null,
  published,
  version: course.version,
})

/**
 * 课程管理 (training.manage): the course catalogue (published and retired; title and type filters and
 * the page in the URL; exported with the same filters), 新建课程 with its uploaded file (MP4 / WebM / PDF
 * ≤ 15 MB: the upload's 422 shows at the file field), 编辑 (the version read: someone else's change since
 * is a 409 and the list reloads), 下架 / 重新发布. The learning itself is the generic 学习情况统计 page.
 */
export function useCourses() {
  const list = usePagedQueryList<{ q?: string; kind?: CourseKind }, TrainingCourse>({
    routeName: 'training-courses',
    fields: {
      q: { param: 'q', parse: queryString },
      kind: { param: 'kind', parse: (value) => queryString(value) as CourseKind | undefined },
    },
    scopeKeys: [],
    formKeys: ['q', 'kind'],
    fetch: (query) => api.training.courses(query),
    exportUrl: (filters) => api.training.coursesExportUrl(filters),
  })

  const dialog = useEditDialog({
    empty: emptyForm,
    formOf: (course: TrainingCourse): CourseForm => ({
      ...emptyForm(),
      title: course.title, kind: course.kind, summary: course.summary, audience: course.audience,
      duration_minutes: course.durationMinutes, page_count: course.pageCount ?? undefined, published: course.published, media_name: course.fileName,
    }),
    async submit(form, editing: TrainingCourse | null) {
      const fields = {
        title: form.title,
        summary: form.summary,
        audience: form.audience,
        duration_minutes: form.duration_minutes as number,
        page_count: form.kind === 'document' ? (form.page_count ?? null) : null,
        published: form.published,
      }
      if (editing) {
        await api.training.updateCourse(editing.id, { ...fields, version: editing.version })
        return '已保存'
      }
      await api.training.createCourse({ ...fields, kind: form.kind, media_token: form.media_token })
      return '已新建课程'
    },
    reload: list.load,
  })
  const { form, fieldErrors } = dialog
  const uploading = ref(false)

  /** a new type clears the chosen file (a video token cannot make a document course) */
  function changeKind() {
    form.media_token = ''
    form.media_name = ''
  }

  /** uploads the chosen file at once; its token is what 保存 sends */
  async function chooseFile(file: File | undefined) {
    if (!file) return
    fieldErrors.value = { ...fieldErrors.value, media_token: '', file: '' }
    if (file.size > MAX_MEDIA_BYTES) {
      fieldErrors.value = { ...fieldErrors.value, media_token: '课程文件不能超过 15 MB' }
      return
    }
    uploading.value = true
    try {
      const { data } = await api.training.uploadMedia(file, file.name)
      if (data.kind !== form.kind) {
        fieldErrors.value = { ...fieldErrors.value, media_token: form.kind === 'video' ? '请上传视频文件（MP4 或 WebM）' : '请上传 PDF 文档' }
        return
      }
      form.media_token = data.token
      form.media_name = data.fileName
    } catch (error) {
      const message = error instanceof ApiError ? (error.fields.file ?? error.message) : failureMessage(error)
      fieldErrors.value = { ...fieldErrors.value, media_token: message }
    } finally {
      uploading.value = false
    }
  }

  /** 下架 (learners no longer see it; records stay) or 重新发布 */
  async function togglePublished(course: TrainingCourse) {
    const retire = course.published
    if (retire && !(await confirmed(`下架后学员将看不到“${course.title}”，已有学习记录保留。确定下架吗？`, '下架课程'))) return
    try {
      await api.training.updateCourse(course.id, fieldsOf(course, !retire))
      ElMessage.success(retire ? '已下架' : '已重新发布')
    } catch (error) {
      ElMessage.error(failureMessage(error))
    }
    await list.load()
  }

  return { list, dialog, uploading, changeKind, chooseFile, togglePublished, mediaUrl: (course: TrainingCourse) => api.training.mediaUrl(course.id) }
}
