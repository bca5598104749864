import db from '@adonisjs/lucid/services/db'
import { notices, type NoticeReadFigures, type NoticeStatsNotice, type NoticeStatsRecipient, type NoticeStatsRecipientsMeta, type RegionRef } from '@szpm/core'
import Region from '#models/region'
import type User from '#models/user'
import { breadcrumb, NotFoundInScope, regionWithin, userRegion } from '#services/region_scope'
import StatisticsService, { type StatisticsResult } from '#statistics/statistics_service'

const RELATION_NAMES = { project_manager: '项目经理', committee_director: '业委会主任' } as const

/** the notice and its street, as the page shows them */
export interface VisibleNotice {
  notice: NoticeStatsNotice
  street: Region
}

/**
 * 查看全部统计 of one notice: its read figures per child region from the warehouse (the `notices` cube
 * filtered to the notice: one fact row per recipient per estate), from its street down to the estates,
 * and at the estate the recipients with their read time from PostgreSQL.
 *
 * Scope: the notice's street must lie inside the user's region subtree (its street office and the
 * bureaus above it), the asked region inside the notice's street, the estate among the notice's
 * estates — anything else is a 404, exactly like a missing notice.
 */
export default class NoticeStatsService {
  #statistics = new StatisticsService()

  /** the notice when the user may see its statistics; a 404 otherwise */
  async visibleNotice(user: User, noticeId: number): Promise<VisibleNotice> {
    const row = await db.from('notices').where('id', noticeId).select('id', 'title', 'street_id', 'published_at').first()
    if (!row) throw new NotFoundInScope()
    const [root, street] = await Promise.all([userRegion(user), Region.find(Number(row.street_id))])
    if (!street || !regionWithin(street, root)) throw new NotFoundInScope()
    return {
      street,
      notice: { id: Number(row.id), title: String(row.title), streetId: street.id, streetName: street.name, publishedAt: new Date(row.published_at).toISOString() },
    }
  }

  /** the notice's figures for the children of `regionId` (default: its street), with totals */
  async forRegion(user: User, noticeId: number, regionId?: number): Promise<{ visible: VisibleNotice; result: StatisticsResult }> {
    const visible = await this.visibleNotice(user, noticeId)
    const region = regionId === undefined || regionId === visible.street.id ? visible.street : await Region.find(regionId)
    // below the street only (its communities); the estates are the next step
    if (!region || region.level !== (region.id === visible.street.id ? 'street' : 'community') || !regionWithin(region, visible.street)) throw new NotFoundInScope()
    const result = await this.#statistics.forRegion(user, region, notices, { filters: { notice_id: noticeId } })
    // an estate moved away leaves cancelled rows at its old place (zero until merged): not a recipient estate
    const rows = result.level === 'estate' ? result.rows.filter((row) => row.recipients !== 0) : result.rows
    return { visible, result: { ...result, rows, breadcrumb: await breadcrumb(region, visible.street) } }
  }

  /** the notice's recipients at one of its estates, with their read time (PostgreSQL) */
  async recipients(user: User, noticeId: number, estateId: number): Promise<{ rows: NoticeStatsRecipient[]; meta: NoticeStatsRecipientsMeta }> {
    const visible = await this.visibleNotice(user, noticeId)
    const estate = await db
      .from('estates')
      .join('notice_estates', 'notice_estates.estate_id', 'estates.id')
      .where('notice_estates.notice_id', noticeId)
      .where('estates.id', estateId)
      .where('estates.street_id', visible.street.id)
      .select('estates.id', 'estates.name', 'estates.community_id')
      .first()
    if (!estate) throw new NotFoundInScope()
    const [community, receipts] = await Promise.all([
      Region.findOrFail(Number(estate.community_id)),
      db
        .from('notice_receipts as r')
        .join('users as u', 'u.id', 'r.user_id')
        .where('r.notice_id', noticeId)
        .where('r.estate_id', estateId)
        .orderByRaw("case r.relation when 'project_manager' then 0 else 1 end")
        .orderBy('u.name')
        .orderBy('r.id')
        .select('r.id', 'r.user_id', 'u.name', 'r.relation', 'r.read_at'),
    ])
    const rows = receipts.map(
      (row): NoticeStatsRecipient => ({
        receiptId: Number(row.id),
        userId: Number(row.user_id),
        name: String(row.name),
        relation: row.relation,
        relationName: RELATION_NAMES[row.relation as keyof typeof RELATION_NAMES] ?? String(row.relation),
        readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
      })
    )
    const read = rows.filter((row) => row.readAt !== null).length
    const totals: NoticeReadFigures = { recipients: rows.length, read, unread: rows.length - read, readRate: rows.length === 0 ? 0 : read / rows.length }
    const crumbs: RegionRef[] = [...(await breadcrumb(community, visible.street)), { id: Number(estate.id), level: 'estate', name: String(estate.name) }]
    return {
      rows,
      meta: {
        notice: visible.notice,
        estate: { id: Number(estate.id), name: String(estate.name), communityId: community.id, communityName: community.name },
        breadcrumb: crumbs,
        totals,
      },
    }
  }
}

