import { readFileSync } from 'node:fs'
import { storage } from '#services/file_storage'
import type { CopyValue } from './copy.ts'
import { createRandom, deriveSeed } from './random.ts'
import type { DataGenerator } from './types.ts'

/** courses published, when the scale does not say (demo: a dozen) */
const DEFAULT_COURSES = 12
/** courses each estate practitioner enrolled in, when the scale does not say */
const DEFAULT_COURSES_PER_LEARNER: [number, number] = [2, 6]

const TOPICS = [
  '物业服务合同备案实务', '消防设施日常巡查', '电梯安全管理要点', '二次供水卫生管理', '业主大会筹备与表决', '住宅专项维修资金使用',
  '垃圾分类督导', '高空抛物防范', '有限空间作业安全', '物业服务收费公示', '小区停车秩序管理', '台风暴雨应急处置',
  '电动自行车充电安全', '物业纠纷调解技巧', '客户服务礼仪', '共有资金账户管理', '安全生产责任制', '老旧小区改造配合',
] as const
const SERIES = ['（基础篇）', '（进阶篇）', '（案例篇）', '（政策解读）', '（实操演示）'] as const

/**
 * A small valid one-page PDF (the demo's document courses): a Type1 Helvetica text page, its xref
 * offsets computed, so any viewer opens it. Only ASCII in the page text (no embedded CJK font).
 */
export function tinyPdf(lines: readonly string[]): Buffer {
  const text = lines.map((line, i) => `BT /F1 14 Tf 72 ${740 - i * 24} Td (${line.replace(/[()\\]/g, '\\$&')}) Tj ET`).join('\n')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body))
    body += `${index + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = Buffer.byteLength(body)
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}

/** An ISO-BMFF box: size, type, payload. */
function box(type: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(8 + payload.length, 0)
  head.write(type, 4, 'latin1')
  return Buffer.concat([head, payload])
}

/**
 * Minimal MP4 bytes: an `ftyp` box (isom / mp41) and an `mvhd` movie header of the given length — the
 * container an upload is checked for, a few hundred bytes, no media samples (it does not play: the
 * tests of the upload rules use it; the demo's videos are COURSE_VIDEO).
 */
export function tinyMp4(seconds: number): Buffer {
  const ftyp = box('ftyp', Buffer.concat([Buffer.from('isom', 'latin1'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2mp41', 'latin1')]))
  const mvhd = Buffer.alloc(100)
  mvhd.writeUInt32BE(1000, 12) // timescale: ms
  mvhd.writeUInt32BE(seconds * 1000, 16) // duration
  mvhd.writeUInt32BE(0x00010000, 20) // rate 1.0
  mvhd.writeUInt16BE(0x0100, 24) // volume 1.0
  for (const [offset, value] of [[36, 0x00010000], [52, 0x00010000], [68, 0x40000000]] as const) mvhd.writeUInt32BE(value, offset) // identity matrix
  mvhd.writeUInt32BE(2, 96) // next track id
  return Buffer.concat([ftyp, box('moov', box('mvhd', mvhd))])
}

/**
 * The demo's video course file: an 8-second WebM (VP8, 320×180, ≈ 90 KB) that Chromium plays, made by
 * `assets/make_course_video.mjs` with Chromium's own MediaRecorder (no ffmpeg) and committed beside it.
 */
export const COURSE_VIDEO = { contentType: 'video/webm', extension: 'webm' } as const
let courseVideo: Buffer | null = null
export function courseVideoBytes(): Buffer {
  courseVideo ??= readFileSync(new URL('./assets/course.webm', import.meta.url))
  return courseVideo
}

interface PlannedCourse {
  id: number
  title: string
  kind: 'video' | 'document'
  audience: 'all' | 'lead'
  durationMinutes: number
  pageCount: number | null
  createdAt: Date
  storageKey: string
  fileName: string
  content: Buffer
}

/**
 * 宣传培训 (module 11): courses published by the city over the past two years (one in four a video,
 * one in six for 项目负责人 only), each with a small generated file in the storage disk, and the
 * learning records of every estate practitioner (module 9's `practitioners`, which its generator wrote
 * before this one): a few courses of their audience each (city: ≈ 21 of ≈ 200 — ≈ 3,000,000 records),
 * enrolled after the course appeared, about half completed, the rest part-way. Written with COPY; the
 * warehouse's learning statistics come from the rebuild.
 */
export const training: DataGenerator = {
  name: 'training',
  description: '宣传培训: courses with small media files (a playable WebM clip, generated PDFs), and the learning records of estate practitioners',
  tables: ['learning_records', 'training_courses'],
  async run(ctx) {
    const r = ctx.random()
    const { client, now } = ctx
    const day = 24 * 3600 * 1000
    const count = ctx.scale.courses ?? DEFAULT_COURSES
    const perLearner = ctx.scale.coursesPerLearner ?? DEFAULT_COURSES_PER_LEARNER
    const { rows: admins } = await client.query<{ id: number }>(`SELECT id FROM users WHERE role = 'city_admin' ORDER BY id LIMIT 1`)
    const createdBy = admins[0]?.id ?? null

    // the courses, oldest first
    const firstCourse = await ctx.firstId('training_courses')
    const courses: PlannedCourse[] = []
    for (let i = 0; i < count; i++) {
      const kind = r.chance(0.25) ? 'video' : 'document'
      const id = firstCourse + i
      const durationMinutes = kind === 'video' ? r.int(8, 60) : r.int(10, 45)
      const pageCount = kind === 'document' ? r.int(4, 40) : null
      const title = `${r.pick(TOPICS)}${r.pick(SERIES)}`
      const content = kind === 'video' ? courseVideoBytes() : tinyPdf([`SZPM training course ${id}`, `${pageCount} pages, ${durationMinutes} minutes`])
      courses.push({
        id,
        title,
        kind,
        audience: r.chance(1 / 6) ? 'lead' : 'all',
        durationMinutes,
        pageCount,
        createdAt: new Date(now.getTime() - Math.round(((count - i) / count) * 720 * day)),
        storageKey: `training/generated-${ctx.seed}-${id}.${kind === 'video' ? COURSE_VIDEO.extension : 'pdf'}`,
        fileName: `${title}.${kind === 'video' ? COURSE_VIDEO.extension : 'pdf'}`,
        content,
      })
    }
    const disk = storage()
    const files = ctx.progress.start('course files', courses.length, 'files')
    for (const course of courses) {
      await disk.put(course.storageKey, course.content, { contentType: course.kind === 'video' ? COURSE_VIDEO.contentType : 'application/pdf' })
      files.increment()
    }
    files.stop()
    const courseCount = await ctx.copy(
      'training_courses',
      ['id', 'title', 'kind', 'summary', 'audience', 'duration_minutes', 'page_count', 'file_name', 'content_type', 'size_bytes', 'storage_key', 'published', 'created_by', 'version', 'created_at', 'updated_at'],
      courses.map((course): CopyValue[] => [
        course.id, course.title, course.kind, `${course.title}：面向物业项目从业人员的${course.kind === 'video' ? '视频' : '图文'}课程。`, course.audience,
        course.durationMinutes, course.pageCount, course.fileName, course.kind === 'video' ? COURSE_VIDEO.contentType : 'application/pdf', course.content.length,
        course.storageKey, true, createdBy, 1, course.createdAt, course.createdAt,
      ])
    )
    await ctx.syncSequence('training_courses')

    // the learners: every estate practitioner (module 9)
    const { rows: learners } = await client.query<{ id: number; is_lead: boolean }>(
      `SELECT id, is_lead FROM practitioners WHERE staff_group = 'estate' ORDER BY id`
    )
    const forAll = courses.filter((course) => course.audience === 'all')
    const bar = ctx.progress.start('learning records', learners.length, 'learners')
    let completed = 0
    const recordRows = function* (): Generator<CopyValue[]> {
      for (const learner of learners) {
        const lr = createRandom(deriveSeed(ctx.seed, 'learning', learner.id))
        const open = learner.is_lead ? courses : forAll
        const take = Math.min(open.length, lr.int(perLearner[0], perLearner[1]))
        // a partial Fisher–Yates draw of `take` distinct courses
        const pool = open.slice()
        for (let i = 0; i < take; i++) {
          const j = i + Math.floor(lr.next() * (pool.length - i))
          ;[pool[i], pool[j]] = [pool[j], pool[i]]
          const course = pool[i]
          const since = Math.max(course.createdAt.getTime(), now.getTime() - 365 * day)
          const enrolledAt = new Date(since + Math.floor(lr.next() * (now.getTime() - since)))
          const done = lr.chance(0.55)
          const progress = done ? 100 : lr.int(0, 19) * 5
          const completedAt = done ? new Date(Math.min(now.getTime(), enrolledAt.getTime() + lr.int(1, 30 * 24) * 3600 * 1000)) : null
          if (done) completed++
          yield [course.id, learner.id, enrolledAt, progress, Math.round((course.durationMinutes * progress) / 100), completedAt, completedAt ?? enrolledAt]
        }
        bar.increment()
      }
    }
    const records = await ctx.copy('learning_records', ['course_id', 'practitioner_id', 'enrolled_at', 'progress', 'learned_minutes', 'completed_at', 'updated_at'], recordRows())
    bar.stop()
    ctx.log(`training: ${courseCount} courses, ${records} learning records (${completed} completed) of ${learners.length} estate practitioners`)
    return { training_courses: courseCount, learning_records: records }
  },
}
