import db from '@adonisjs/lucid/services/db'
import { E, R, USERS } from '#tests/support/world'

/**
 * 宣传培训's small world on top of the shared one: estate practitioners (module 9's table) with their
 * learning records of two courses. `manager` (项目经理 of e1) is the 项目负责人 P.lead1 by phone.
 *
 *   e1 (园岭一社区): lead1 (项目负责人, phone of `manager`), guard1
 *   e3 (园岭二社区): cleaner3        e4 (南园一社区): lead4 (项目负责人)       e5 (桂园一社区): guard5
 *   a company practitioner in 园岭一社区 (no estate: never counted)
 *
 * Courses: C.video (all, 60 min), C.leadDoc (项目负责人 only, 30 min). Records (progress %):
 * lead1 video 100, leadDoc 50 · guard1 video 40 · cleaner3 video 100 · lead4 video 0, leadDoc 100 ·
 * guard5 video 100 · the company practitioner video 100.
 */
export const P = { lead1: 1, guard1: 2, cleaner3: 3, lead4: 4, guard5: 5, company: 6 } as const
export const C = { video: 1, leadDoc: 2 } as const

export async function seedTraining(options: { records?: boolean } = {}) {
  const now = new Date()
  const person = (id: number, estateId: number | null, name: string, phone: string, post: string, isLead: boolean) => ({
    id, staff_group: estateId ? 'estate' : 'company', estate_id: estateId, community_id: estateId ? null : R.yl1, company_name: '测试物业公司',
    name, id_number: `4403041990010100${String(id).padStart(2, '0')}`, phone, post, is_lead: isLead, version: 1, created_at: now, updated_at: now,
  })
  await db.table('practitioners').multiInsert([
    person(P.lead1, E.e1, '张经理', USERS.manager.phone, '项目经理', true),
    person(P.guard1, E.e1, '李保安', '13800000002', '秩序维护员', false),
    person(P.cleaner3, E.e3, '王保洁', '13800000003', '保洁员', false),
    person(P.lead4, E.e4, '赵经理', '13800000004', '项目经理', true),
    person(P.guard5, E.e5, '钱保安', '13800000005', '秩序维护员', false),
    person(P.company, null, '孙会计', '13800000006', '会计', false),
  ])
  await db.rawQuery(`SELECT setval('practitioners_id_seq', 100)`)
  const course = (id: number, title: string, kind: string, audience: string, minutes: number) => ({
    id, title, kind, summary: '', audience, duration_minutes: minutes, page_count: kind === 'document' ? 12 : null,
    file_name: `${title}.${kind === 'video' ? 'mp4' : 'pdf'}`, content_type: kind === 'video' ? 'video/mp4' : 'application/pdf',
    size_bytes: 100, storage_key: `training/test-${id}`, published: true, created_by: USERS.city.id, version: 1, created_at: now, updated_at: now,
  })
  await db.table('training_courses').multiInsert([course(C.video, '消防设施日常巡查', 'video', 'all', 60), course(C.leadDoc, '物业服务合同备案实务', 'document', 'lead', 30)])
  await db.rawQuery(`SELECT setval('training_courses_id_seq', 100)`)
  if (options.records === false) return
  const record = (practitionerId: number, courseId: number, progress: number) => ({
    course_id: courseId, practitioner_id: practitionerId, enrolled_at: new Date('2026-10-01T09:00:00+08:00'), progress,
    learned_minutes: Math.round(((courseId === C.video ? 60 : 30) * progress) / 100), completed_at: progress === 100 ? new Date('2026-10-05T09:00:00+08:00') : null, updated_at: now,
  })
  await db.table('learning_records').multiInsert([
    record(P.lead1, C.video, 100), record(P.lead1, C.leadDoc, 50), record(P.guard1, C.video, 40), record(P.cleaner3, C.video, 100),
    record(P.lead4, C.video, 0), record(P.lead4, C.leadDoc, 100), record(P.guard5, C.video, 100), record(P.company, C.video, 100),
  ])
}

/** PostgreSQL's own learning figures of a region (the estate practitioners' records), as the API shapes them */
export async function postgresFigures(level?: 'district' | 'street' | 'community' | 'estate', id?: number) {
  const query = db.from('learning_records as r').join('practitioners as p', 'p.id', 'r.practitioner_id').join('estates as e', 'e.id', 'p.estate_id')
  if (level && id) query.where(`e.${level === 'estate' ? 'id' : `${level}_id`}`, id)
  const row = await query
    .select(
      db.raw('count(*)::int as staff_enrolled'), db.raw('count(*) filter (where r.progress = 100)::int as staff_completed'), db.raw('coalesce(sum(r.learned_minutes), 0)::int as staff_minutes'),
      db.raw('count(*) filter (where p.is_lead)::int as lead_enrolled'), db.raw('count(*) filter (where p.is_lead and r.progress = 100)::int as lead_completed'),
      db.raw('coalesce(sum(r.learned_minutes) filter (where p.is_lead), 0)::int as lead_minutes')
    )
    .first()
  const rate = (done: number, all: number) => (all === 0 ? 0 : done / all)
  return {
    staffEnrolled: row.staff_enrolled, staffCompleted: row.staff_completed, staffHours: row.staff_minutes / 60, staffCompletionRate: rate(row.staff_completed, row.staff_enrolled),
    leadEnrolled: row.lead_enrolled, leadCompleted: row.lead_completed, leadHours: row.lead_minutes / 60, leadCompletionRate: rate(row.lead_completed, row.lead_enrolled),
  }
}
