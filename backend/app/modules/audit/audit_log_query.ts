import db from '@adonisjs/lucid/services/db'
import type Region from '#models/region'
import type { AuditAction, AuditOutcome } from '#services/audit'
import { containing } from '#services/like_pattern'

export interface AuditLogFilters {
  from?: Date
  to?: Date
  user?: string
  action?: AuditAction
  outcome?: AuditOutcome
  q?: string
}

const TIME_ZONE = 'Asia/Shanghai'

function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}


/**
 * The audit log search, newest first. The city sees every row; any other holder of `audit.view`
 * (none by default) sees the rows of users in their own region's subtree.
 */
export function auditLogQuery(root: Region, filters: AuditLogFilters) {
  const query = db.from('audit_logs').select('*').orderBy('at', 'desc').orderBy('id', 'desc')
  if (root.level !== 'city') {
    query.whereIn('region_id', (sub) =>
      sub.from('regions').select('id').where('id', root.id).orWhere('district_id', root.id).orWhere('street_id', root.id)
    )
  }
  if (filters.from) query.whereRaw(`at >= (?::date)::timestamp AT TIME ZONE '${TIME_ZONE}'`, [isoDay(filters.from)])
  if (filters.to) query.whereRaw(`at < ((?::date + 1)::timestamp AT TIME ZONE '${TIME_ZONE}')`, [isoDay(filters.to)])
  if (filters.user) {
    const user = filters.user
    query.where((q) => {
      q.whereILike('user_name', containing(user))
      if (/^\d{1,9}$/.test(user)) q.orWhere('user_id', Number(user))
    })
  }
  if (filters.action) query.where('action', filters.action)
  if (filters.outcome) query.where('outcome', filters.outcome)
  if (filters.q) {
    const text = containing(filters.q)
    query.where((q) => q.whereILike('path', text).orWhereILike('target', text).orWhereILike('route', text).orWhereILike('ip', text))
  }
  return query
}
