import type { CopyValue } from './copy.ts'
import { createRandom, deriveSeed, type Random } from './random.ts'
import type { DataGenerator } from './types.ts'

const DAY = 86_400_000
const HOUR = 3_600_000
/** filings start here (2019: a year the holiday calendar does not hold, so its rounds show 未知) */
const FIRST = Date.UTC(2019, 9, 1)
/** Spring Festival eves and 国庆 (Shenzhen calendar days), around which a share of rounds is filed */
const HOLIDAY_EVES = ['2020-01-20', '2021-02-08', '2022-01-28', '2023-01-18', '2024-02-06', '2025-01-24', '2026-02-13', '2020-09-28', '2021-09-28', '2022-09-28', '2023-09-26', '2024-09-27', '2025-09-28', '2026-09-28']
const TITLES = ['物业服务企业选聘', '物业服务企业续聘', '前期物业服务招标', '物业服务项目招标', '物业管理服务采购']
const SCOPES = ['共用部位、共用设施设备的维修养护，保洁、绿化、秩序维护', '保洁、绿化、秩序维护、停车管理', '共用部位维修养护、消防设施维保、电梯维保']
const FIRST_REMARKS = ['招标文件与业主大会决议内容一致', '评标办法与决议不一致，建议退回', '服务标准未列明，建议补充']
const REJECT_REMARKS = ['服务标准与业主大会表决内容不一致，请修改', '评标办法缺少评分细则，请补充', '合同期限与决议不符，请修改']
const RETURN_REMARKS = ['请经办人补充核对业主大会决议', '请核对招标范围后重新初审']

interface EstateRow { id: number; name: string; street_id: number; community_id: number; company_name: string | null }
interface Actor { id: number | null; name: string; role: string }

/** a filing's last round: how it ends (most older ones are approved; open states only among recent ones) */
const OUTCOMES: readonly ['approved' | 'rejected' | 'first_review' | 'final_review', number][] = [['approved', 0.8], ['rejected', 0.08], ['first_review', 0.07], ['final_review', 0.05]]

/**
 * 招标投标管理 (module 21): 招标文件备案 since 2019 on the estates (demo ≈ 1.5k, city ≈ 8k filings with
 * `tendersPerEstate`): the owners' committee's (where the estate has a director account) or a developer's
 * registered by the street handler (estates with neither account get none), each with its rounds (a fifth resubmitted after 不同意, some sent back
 * once by 返回上一级 within a round), the history the engine would have written, the open to-do of its state
 * and no attachment (files are not generated). Review times span 春节 and 国庆 (a share is filed on their
 * eves) and 2019's filings count 未知 (the calendar starts in 2020). Seeded per estate.
 */
export const tenders: DataGenerator = {
  name: 'tenders',
  description: '招标投标管理: 招标文件备案 with rounds, review history and open to-dos',
  tables: ['tender_attachments', 'tender_rounds', 'tenders'],
  async run(ctx) {
    const { client, now, seed } = ctx
    const [min, max] = ctx.scale.tendersPerEstate ?? [0, 2]
    const { rows: estates } = await client.query<EstateRow & { street_name: string }>(
      'SELECT e.id, e.name, e.street_id, e.community_id, e.company_name, s.name AS street_name FROM estates e JOIN regions s ON s.id = e.street_id ORDER BY e.id'
    )
    const { rows: users } = await client.query<Actor & { region_id: number }>(
      `SELECT id, name, role, region_id FROM users WHERE role IN ('street_handler', 'street_head') AND status = 'active' ORDER BY id`
    )
    const { rows: directorRows } = await client.query<Actor & { estate_id: number }>(
      `SELECT u.id, u.name, u.role, ue.estate_id FROM user_estates ue JOIN users u ON u.id = ue.user_id WHERE ue.relation = 'committee_director' AND u.status = 'active' ORDER BY u.id`
    )
    const byRegion = (role: string) => new Map(users.filter((u) => u.role === role).map((u) => [u.region_id, u]))
    const handlers = byRegion('street_handler')
    const heads = byRegion('street_head')
    const directors = new Map(directorRows.map((d) => [d.estate_id, d]))

    let nextId = await ctx.firstId('tenders')
    const tenderRows: CopyValue[][] = []
    const roundRows: CopyValue[][] = []
    const eventRows: CopyValue[][] = []
    const todoRows: CopyValue[][] = []
    const nowMs = now.getTime()
    const bar = ctx.progress.start('tenders', estates.length, 'estates')

    /** a (re)submission instant: anywhere since FIRST, or now and then on a holiday's eve */
    const submittedAt = (r: Random, notBefore: number) => {
      if (r.chance(0.2)) {
        const eve = Date.parse(`${r.pick(HOLIDAY_EVES)}T00:00:00+08:00`) + r.int(9, 17) * HOUR
        if (eve > notBefore && eve < nowMs - 40 * DAY) return eve
      }
      return Math.max(notBefore, FIRST) + Math.floor(r.next() * Math.max(DAY, nowMs - 40 * DAY - Math.max(notBefore, FIRST)))
    }

    for (const estate of estates) {
      const r = createRandom(deriveSeed(seed, 'tenders', estate.id))
      const people = ctx.people(`tenders-${estate.id}`)
      // a street without accounts still reviews (the history names its office); a filing needs an account to file it
      const handlerAccount = handlers.get(estate.street_id)
      const handler: Actor = handlerAccount ?? { id: null, name: `${estate.street_name}经办人`, role: 'street_handler' }
      const head: Actor = heads.get(estate.street_id) ?? { id: null, name: `${estate.street_name}负责人`, role: 'street_head' }
      if (!handlerAccount && !directors.has(estate.id)) {
        bar.increment()
        continue
      }
      let notBefore = FIRST
      for (let n = r.int(min, max); n > 0; n--) {
        const id = nextId++
        const director = directors.get(estate.id)
        const kind = director && (!handlerAccount || r.chance(0.85)) ? 'committee' : 'developer'
        const filer: Actor = kind === 'committee' ? director! : handler
        const rounds = r.chance(0.03) ? 3 : r.chance(0.17) ? 2 : 1
        let roll = r.next()
        let outcome = (OUTCOMES.find(([, share]) => (roll -= share) < 0) ?? OUTCOMES[0])[0]
        let at = submittedAt(r, notBefore)
        // open filings are recent: their last round started within the last 30 days
        if (outcome !== 'approved') at = Math.max(at, nowMs - r.int(1, 30) * DAY - r.int(0, 8) * HOUR)
        const created = new Date(at)
        const events: [string, string | null, string, Actor, string | null, Record<string, unknown>, number][] = []
        let state = 'first_review'
        let roundStart = at
        let decidedAt: number | null = null
        /** the next step 0–6 days later (never after now) */
        const step = () => (at = Math.min(nowMs - HOUR, at + r.int(0, 6) * DAY + r.int(1, 7) * HOUR))
        events.push([kind === 'committee' ? 'submit' : 'register', null, 'first_review', filer, null, { round: 1 }, at])
        for (let round = 1; round <= rounds; round++) {
          const last = round === rounds
          if (round > 1) {
            at = Math.min(nowMs - HOUR, at + r.int(3, 40) * DAY)
            roundStart = at
            decidedAt = null
            events.push([kind === 'committee' ? 'resubmit' : 'resubmit_on_behalf', 'rejected', 'first_review', filer, null, { round, attachments: 0 }, at])
            state = 'first_review'
          }
          const ends: 'approved' | 'rejected' | 'first_review' | 'final_review' = last ? outcome : 'rejected'
          if (ends === 'first_review') {
            roundRows.push([id, round, new Date(roundStart), null, null])
            break
          }
          // 初审, now and then 返回上一级 and 初审 again
          const firstReview = () => {
            step()
            const agree = ends === 'approved' || r.chance(0.3)
            events.push([agree ? 'propose_approve' : 'propose_reject', 'first_review', 'final_review', handler, agree ? null : r.pick(FIRST_REMARKS), { opinion: agree ? 'agree' : 'disagree', round }, at])
            state = 'final_review'
          }
          firstReview()
          if (r.chance(0.12)) {
            step()
            events.push(['send_back', 'final_review', 'first_review', head, r.pick(RETURN_REMARKS), { decision: 'return', round }, at])
            state = 'first_review'
            firstReview()
          }
          if (ends === 'final_review') {
            roundRows.push([id, round, new Date(roundStart), null, null])
            break
          }
          step()
          decidedAt = at
          const approve = ends === 'approved'
          events.push([approve ? 'approve' : 'reject', 'final_review', approve ? 'approved' : 'rejected', head, approve ? null : r.pick(REJECT_REMARKS), { decision: approve ? 'approve' : 'reject', round }, at])
          state = approve ? 'approved' : 'rejected'
          roundRows.push([id, round, new Date(roundStart), new Date(decidedAt), approve ? 'approved' : 'rejected'])
        }
        if (outcome === 'rejected' && state !== 'rejected') outcome = state as typeof outcome
        const year = new Date(created.getTime() + 8 * HOUR).getUTCFullYear()
        const tenderer = kind === 'committee' ? `${estate.name}业主委员会` : `${estate.name.replace(/小区|花园|苑$/, '')}置业有限公司`
        const updated = new Date(events[events.length - 1][6])
        const roundNo = roundRows.filter((row) => row[0] === id).length
        tenderRows.push([
          id, `ZBBA-${year}-${String(id).padStart(6, '0')}`, estate.id, kind, tenderer.slice(0, 100), `${estate.name}${r.pick(TITLES)}`.slice(0, 100),
          r.chance(0.85) ? 'public' : 'invited', kind === 'committee' ? `${estate.name}业主大会〔${year}〕${r.int(1, 3)}号决议` : '前期物业管理，建设单位依法招标',
          r.pick(SCOPES), people.name(), people.phone(), state, events.length, roundNo, new Date(roundStart), state === 'approved' || state === 'rejected' ? new Date(decidedAt!) : null,
          state === 'approved' || state === 'rejected' ? roundNo : 0, filer.id, created, updated,
        ])
        for (const [action, from, to, actor, remark, data, when] of events) {
          eventRows.push(['tender', id, action, from, to, actor.id, actor.name, actor.role, remark, JSON.stringify(data), new Date(when)])
        }
        if (state !== 'approved') {
          const title = `${estate.name}「${estate.name}${TITLES[0]}」招标文件备案`
          const [region, roles, feature, summary] = state === 'first_review' ? [estate.street_id, '{street_handler}', 'tenders.handle', '待初审']
            : state === 'final_review' ? [estate.street_id, '{street_head}', 'tenders.approve', '待终审']
            : kind === 'committee' ? [estate.community_id, '{committee_director}', 'estates.own', '终审不同意，待修改后重新提交']
            : [estate.street_id, '{street_handler}', 'tenders.handle', '终审不同意，待代建设单位修改后重新提交']
          todoRows.push(['tender', id, state, title.slice(0, 200), `ZBBA-${year}-${String(id).padStart(6, '0')} · ${summary}`, region, estate.id, roles, feature, null, updated, null, null, null])
        }
        notBefore = FIRST
      }
      bar.increment()
    }
    bar.stop()
    const written = await ctx.copy('tenders', [
      'id', 'filing_no', 'estate_id', 'tenderer_kind', 'tenderer_name', 'title', 'tender_method', 'resolution', 'service_scope', 'contact_name', 'contact_phone',
      'state', 'version', 'round', 'round_started_at', 'decided_at', 'reminded_round', 'submitted_by', 'created_at', 'updated_at',
    ], tenderRows)
    const rounds = await ctx.copy('tender_rounds', ['tender_id', 'round', 'submitted_at', 'decided_at', 'decision'], roundRows)
    const events = await ctx.copy('workflow_events', ['process', 'subject_id', 'action', 'from_state', 'to_state', 'actor_id', 'actor_name', 'actor_role', 'remark', 'data', 'created_at'], eventRows)
    const todos = await ctx.copy('todos', ['process', 'subject_id', 'step', 'title', 'summary', 'region_id', 'estate_id', 'roles', 'feature', 'due_on', 'created_at', 'closed_at', 'closed_by', 'outcome'], todoRows)
    await ctx.syncSequence('tenders')
    await client.query('ANALYZE tenders; ANALYZE tender_rounds')
    ctx.log(`tenders: ${written} filings, ${rounds} rounds, ${events} history entries, ${todos} open to-dos`)
    return { tenders: written, tender_rounds: rounds, tender_workflow_events: events, tender_todos: todos }
  },
}
