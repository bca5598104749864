import { DateTime } from 'luxon'
import { ZONE } from '#services/clock'
import type { CopyValue } from './copy.ts'
import { createRandom, deriveSeed } from './random.ts'
import type { DataGenerator } from './types.ts'

/** notices each street office has published, when the scale does not say (demo: a few) */
const DEFAULT_NOTICES_PER_STREET: [number, number] = [3, 5]

const TITLES = [
  '关于开展消防安全隐患排查的通知',
  '关于做好台风防御工作的通知',
  '关于报送物业服务收费公示情况的通知',
  '关于开展电梯安全专项检查的通知',
  '关于加强高空抛物防范工作的通知',
  '关于组织业主大会筹备培训的通知',
  '关于做好垃圾分类督导工作的通知',
  '关于开展二次供水设施清洗消毒的通知',
  '关于报送维修资金使用计划的通知',
  '关于做好节假日期间安全值守的通知',
  '关于开展电动自行车充电隐患整治的通知',
  '关于配合开展老旧小区改造摸底的通知',
] as const

const TASKS = [
  '请于本周内完成自查并将整改情况报送街道办。',
  '请各项目于三个工作日内在小区公告栏张贴并做好记录。',
  '请按附件要求组织人员参加，并于会前报送参会名单。',
  '请对照检查清单逐项落实，发现问题立即整改。',
] as const

type Audience = 'project_manager' | 'committee_director' | 'both'
type Relation = 'project_manager' | 'committee_director'

/** one planned notice; its recipients and reads are derived from it (the same in every pass) */
interface PlannedNotice {
  id: number
  streetId: number
  streetName: string
  publishedBy: number
  publishedAt: Date
  title: string
  bodyHtml: string
  audience: Audience
  scope: 'all' | 'chosen'
  estateIds: number[]
}

/**
 * 通知发布 (module 19) history: every street office with estate-side accounts has published a few
 * notices (city scale: ~190 each, ≥ 1,000,000 receipts) over the past year — to all or chosen estates
 * of its street, to their 项目经理 and / or 业委会主任 — each with its estates, one receipt per recipient
 * per estate and one in-app message per recipient, exactly as NoticeService.publish leaves them. Most
 * older notices were read (the message and every receipt of the recipient, at one time), the newest
 * mostly not yet. Written with COPY; the warehouse's read statistics come from the rebuild.
 */
export const notices: DataGenerator = {
  name: 'notices',
  description: '通知发布: notices with their estates, receipts (read or not) and in-app messages',
  tables: ['notice_receipts', 'notice_urges', 'notice_attachments', 'notice_estates', 'notices'],
  async run(ctx) {
    const r = ctx.random()
    const { client, now } = ctx
    const range = ctx.scale.noticesPerStreet ?? DEFAULT_NOTICES_PER_STREET

    // who answers for each estate (user_estates, estate_accounts generator), by street
    const { rows: bindings } = await client.query<{ user_id: number; estate_id: number; relation: Relation; street_id: number }>(
      `SELECT ue.user_id, ue.estate_id, ue.relation, e.street_id
         FROM user_estates ue JOIN estates e ON e.id = ue.estate_id
        WHERE ue.relation IN ('project_manager', 'committee_director')
        ORDER BY e.street_id, ue.estate_id, ue.relation, ue.user_id`
    )
    const accountsOf = new Map<number, { userId: number; relation: Relation }[]>()
    const estatesOf = new Map<number, number[]>()
    for (const row of bindings) {
      const list = accountsOf.get(row.estate_id)
      if (list) list.push({ userId: row.user_id, relation: row.relation })
      else {
        accountsOf.set(row.estate_id, [{ userId: row.user_id, relation: row.relation }])
        estatesOf.set(row.street_id, [...(estatesOf.get(row.street_id) ?? []), row.estate_id])
      }
    }
    // the publisher: the street's handler (or head) where the demo has one, else the city administrator
    const { rows: staff } = await client.query<{ id: number; role: string; region_id: number }>(
      `SELECT id, role, region_id FROM users WHERE role IN ('street_handler', 'street_head', 'city_admin') ORDER BY role DESC, id`
    )
    const cityAdmin = staff.find((user) => user.role === 'city_admin')
    const publisherOf = (streetId: number) => staff.find((user) => user.region_id === streetId && user.role !== 'city_admin')?.id ?? cityAdmin?.id

    // the plan: notices per street, oldest first, ids in publishing order
    const planned: PlannedNotice[] = []
    const day = 24 * 3600 * 1000
    for (const street of ctx.state.streets) {
      const estates = estatesOf.get(street.id)
      const publishedBy = publisherOf(street.id)
      if (!estates?.length || !publishedBy) continue
      const count = r.int(range[0], range[1])
      for (let i = 0; i < count; i++) {
        // spread over the past year; the newest ones within the last two days
        const ageMs = i === 0 ? r.int(1, 40) * 3600 * 1000 : r.int(2, 330) * day + r.int(0, 8) * 3600 * 1000
        const scope = r.chance(0.7) ? 'all' : 'chosen'
        const chosen = scope === 'all' ? estates : estates.filter(() => r.chance(0.4))
        const audiencePick = r.next()
        const audience: Audience = audiencePick < 0.6 ? 'both' : audiencePick < 0.85 ? 'project_manager' : 'committee_director'
        planned.push({
          id: 0,
          streetId: street.id,
          streetName: street.name,
          publishedBy,
          publishedAt: new Date(now.getTime() - ageMs),
          title: r.pick(TITLES),
          bodyHtml: `<p>各物业服务企业、业主委员会：</p><p>${r.pick(TASKS)}</p><p>特此通知。</p>`,
          audience,
          scope,
          estateIds: chosen.length ? chosen : [estates[0]],
        })
      }
    }
    planned.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime())
    const firstNotice = await ctx.firstId('notices')
    planned.forEach((notice, index) => (notice.id = firstNotice + index))

    /** the notice's receipts (estate order, then account order), the same in every pass */
    function receiptsOf(notice: PlannedNotice): { estateId: number; userId: number; relation: Relation }[] {
      const out: { estateId: number; userId: number; relation: Relation }[] = []
      for (const estateId of notice.estateIds) {
        for (const account of accountsOf.get(estateId) ?? []) {
          if (notice.audience === 'both' || notice.audience === account.relation) out.push({ estateId, userId: account.userId, relation: account.relation })
        }
      }
      return out
    }
    /** when the recipient read the notice (their message and all their receipts of it), or null */
    function readAtOf(notice: PlannedNotice, userId: number): Date | null {
      const reads = createRandom(deriveSeed(ctx.seed, 'notice-read', notice.id, userId))
      const age = now.getTime() - notice.publishedAt.getTime()
      if (!reads.chance(age < 2 * day ? 0.35 : 0.8)) return null
      const after = Math.min(age, reads.int(5 * 60, 72 * 3600) * 1000)
      return new Date(notice.publishedAt.getTime() + after)
    }
    const sentOn = (when: Date) => DateTime.fromJSDate(when, { zone: ZONE }).toISODate()!

    // notices (with the counts fixed at publish time) and their estates
    const noticeRows = function* (): Generator<CopyValue[]> {
      for (const notice of planned) {
        const receipts = receiptsOf(notice)
        const people = new Set(receipts.map((receipt) => receipt.userId)).size
        yield [notice.id, notice.streetId, notice.title, notice.bodyHtml, notice.audience, notice.scope, notice.publishedBy, notice.publishedAt, people, notice.estateIds.length, notice.publishedAt, notice.publishedAt]
      }
    }
    const noticeCount = await ctx.copy('notices', ['id', 'street_id', 'title', 'body_html', 'audience', 'estate_scope', 'published_by', 'published_at', 'recipient_count', 'estate_count', 'created_at', 'updated_at'], noticeRows())
    await ctx.syncSequence('notices')
    const noticeEstates = await ctx.copy('notice_estates', ['notice_id', 'estate_id'], (function* () {
      for (const notice of planned) for (const estateId of notice.estateIds) yield [notice.id, estateId]
    })())

    // one message per recipient per notice, then one receipt per recipient per estate pointing at it
    const firstMessage = await ctx.firstId('messages')
    const bar = ctx.progress.start('notices', planned.length * 2, 'notices')
    const messageRows = function* (): Generator<CopyValue[]> {
      let id = firstMessage
      for (const notice of planned) {
        const seen = new Set<number>()
        const summary = `${notice.streetName}：${notice.bodyHtml.replace(/<[^>]+>/g, '')}`.slice(0, 140)
        for (const { userId } of receiptsOf(notice)) {
          if (seen.has(userId)) continue
          seen.add(userId)
          yield [id++, userId, notice.publishedBy, 'notice', 'notices', `notices.publish:${notice.id}`, notice.title, summary, 'notice', notice.id, 'notice-received', sentOn(notice.publishedAt), false, notice.publishedAt, readAtOf(notice, userId)]
        }
        bar.increment()
      }
    }
    const messages = await ctx.copy('messages', ['id', 'recipient_id', 'sender_id', 'kind', 'module', 'reason', 'title', 'summary', 'subject_type', 'subject_id', 'subject_page', 'sent_on', 'sms_fallback', 'created_at', 'read_at'], messageRows())
    await ctx.syncSequence('messages')
    let read = 0
    const receiptRows = function* (): Generator<CopyValue[]> {
      let messageId = firstMessage
      for (const notice of planned) {
        const messageOf = new Map<number, number>()
        for (const receipt of receiptsOf(notice)) {
          if (!messageOf.has(receipt.userId)) messageOf.set(receipt.userId, messageId++)
          const readAt = readAtOf(notice, receipt.userId)
          if (readAt) read++
          yield [notice.id, receipt.estateId, receipt.userId, receipt.relation, messageOf.get(receipt.userId)!, readAt, notice.publishedAt]
        }
        bar.increment()
      }
    }
    const receipts = await ctx.copy('notice_receipts', ['notice_id', 'estate_id', 'user_id', 'relation', 'message_id', 'read_at', 'created_at'], receiptRows())
    bar.stop()
    ctx.log(`notices: ${noticeCount} notices, ${receipts} receipts (${read} read), ${messages} messages`)
    return { notices: noticeCount, notice_estates: noticeEstates, notice_receipts: receipts, 'messages (notices)': messages }
  },
}
