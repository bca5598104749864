/** 宣传培训 (module 11): the learner's courses, the player's file and its progress steps. */
import { uploadFile, type Http, type Query } from './http.ts'
import type { CourseInput, CourseKind, CourseListQuery, LearningCourse, LearningMeta, LearningProgress, PageMeta, TrainingCourse, UploadedCourseMedia } from './types.ts'

export type TrainingApi = ReturnType<typeof trainingApi>

export function trainingApi(http: Http, baseUrl = '') {
  return {
    /** 课程管理: the catalogue (published or not), newest first */
    courses: (query: CourseListQuery = {}) => http.call<TrainingCourse[], PageMeta>('training_courses.index', { query: query as Query }),
    coursesExportUrl: (query: Omit<CourseListQuery, 'page' | 'per_page'> = {}) => http.url('training_courses.export', { query: query as Query }),
    /** one course file (MP4 / WebM / PDF, ≤ 15 MB, checked by its bytes); the token goes into `createCourse` */
    uploadMedia: (file: Blob, fileName: string) => uploadFile<UploadedCourseMedia>(baseUrl, 'training_media.upload', file, fileName),
    createCourse: (input: CourseInput & { kind: CourseKind; media_token: string }) => http.call<TrainingCourse>('training_courses.store', { body: input }),
    /** its fields with the version read (a stale one is a 409); `published: false` retires it */
    updateCourse: (id: number, input: CourseInput & { version: number }) => http.call<TrainingCourse>('training_courses.update', { params: { id }, body: input }),
    /** the published courses open to the signed-in learner, with their progress */
    learning: () => http.call<LearningCourse[], LearningMeta>('training_learning.index'),
    /** the course's file for the player (<video> / <iframe> source) */
    mediaUrl: (courseId: number) => http.url('training_courses.media', { params: { id: courseId } }),
    /** records how far the learner got (0–100; a lower value changes nothing) */
    progress: (courseId: number, progress: number) => http.call<LearningProgress>('training_progress.store', { params: { id: courseId }, body: { progress } }),
  }
}

/**
 * The progress a player reports while a video plays: the watched share in steps of 10 (100 at the
 * end), or null while it has not passed the last reported step (the player posts only new steps).
 */
export function videoProgressStep(currentTime: number, duration: number, reported: number): number | null {
  if (!Number.isFinite(duration) || duration <= 0) return null
  const share = currentTime >= duration - 0.5 ? 100 : Math.floor((currentTime / duration) * 10) * 10
  return share > reported ? Math.min(100, share) : null
}

/** What a player page lends the shared player logic: its state and its way of telling the user. */
export interface PlayerHooks {
  /** the course open in the player */
  current(): LearningCourse | null
  /** the course after a step (the page replaces it in its list and in the player) */
  update(course: LearningCourse): void
  saving(on: boolean): void
  completed(): void
  failed(error: unknown): void
}

/**
 * The player of 我的学习 on PC and H5: `report(progress)` posts a step when it is further than the
 * course's (the server keeps the highest anyway; one request at a time), `onTime(video)` reports the
 * further 10 % steps a video plays.
 */
export function learningPlayer(training: TrainingApi, hooks: PlayerHooks) {
  let busy = false
  async function report(progress: number) {
    const course = hooks.current()
    if (!course || busy || progress <= course.progress) return
    busy = true
    hooks.saving(true)
    try {
      const { data } = await training.progress(course.id, progress)
      const updated = { ...course, progress: data.progress, enrolledAt: data.enrolledAt, completedAt: data.completedAt }
      hooks.update(updated)
      if (updated.progress === 100) hooks.completed()
    } catch (error) {
      hooks.failed(error)
    } finally {
      busy = false
      hooks.saving(false)
    }
  }
  function onTime(video: { currentTime: number; duration: number }) {
    const step = videoProgressStep(video.currentTime, video.duration, hooks.current()?.progress ?? 0)
    if (step !== null) void report(step)
  }
  return { report, onTime }
}
