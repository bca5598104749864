import db from '@adonisjs/lucid/services/db'
import type Region from '#models/region'
import { containing } from '#services/like_pattern'
import { estatePlaceNames, joinEstatePlace } from '#services/estate_place'

export interface LearningRecordFilters {
  estate_id?: number
  course_id?: number
  /** 'staff': every estate practitioner (项目从业人员); 'lead': the 项目负责人 only */
  group?: 'staff' | 'lead'
  /** '1' completed, '0' not yet */
  completed?: '0' | '1'
  /** part of the learner's name or of the course title */
  q?: string
}

/**
 * The records behind a 学习情况统计 number (穿透): the learning records of the region's estate
 * practitioners — the rows the warehouse counts — with the same region, group and completion filters,
 * newest enrolment first.
 */
export function learningRecordQuery(region: Region, filters: LearningRecordFilters) {
  const query = joinEstatePlace(
    db.from('learning_records as r').join('practitioners as p', 'p.id', 'r.practitioner_id').join('estates as e', 'e.id', 'p.estate_id').join('training_courses as t', 't.id', 'r.course_id')
  )
  if (region.level !== 'city') query.where(`e.${region.level}_id`, region.id)
  if (filters.estate_id) query.where('p.estate_id', filters.estate_id)
  if (filters.course_id) query.where('r.course_id', filters.course_id)
  if (filters.group === 'lead') query.where('p.is_lead', true)
  if (filters.completed === '1') query.where('r.progress', 100)
  if (filters.completed === '0') query.where('r.progress', '<', 100)
  if (filters.q) {
    const pattern = containing(filters.q)
    query.where((inner) => inner.whereILike('p.name', pattern).orWhereILike('t.title', pattern))
  }
  return query
    .select(
      'r.id as record_id', 'r.course_id', 't.title as course_title', 't.kind as course_kind', 'r.practitioner_id', 'p.name as learner_name', 'p.post', 'p.is_lead', 'p.phone',
      'p.estate_id', 'e.name as estate_name', ...estatePlaceNames(),
      'r.enrolled_at', 'r.progress', 'r.learned_minutes', 'r.completed_at'
    )
    .orderBy('r.enrolled_at', 'desc')
    .orderBy('r.id', 'desc')
}
