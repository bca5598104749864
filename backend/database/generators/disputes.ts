import { DISPUTE_STATES, DISPUTE_TYPES, type DisputeState, type DisputeType } from '@szpm/core'
import type { CopyValue } from './copy.ts'
import { createRandom, deriveSeed } from './random.ts'
import type { DataGenerator } from './types.ts'

const DAY = 86_400_000
const TYPES = Object.keys(DISPUTE_TYPES) as DisputeType[]
/** the share of each state among generated disputes (most older ones are closed) */
const STATES: readonly [DisputeState, number][] = [['closed', 0.62], ['handling', 0.18], ['transferred', 0.09], ['closing', 0.06], ['registered', 0.05]]
const SUMMARIES: Record<string, string> = {
  property_fee: '业主对物业费收费标准及公共能耗分摊有异议，拒缴物业费',
  service_quality: '业主反映保洁、绿化及电梯维保不到位，要求物业整改',
  common_fund: '业主对共有资金使用及公共收益分配有异议',
  committee: '部分业主对业委会换届选举程序提出异议',
  handover: '新旧物业服务企业交接过程中资料、设施移交发生争议',
  renovation: '业主装修噪音及违规改动承重结构引发邻里投诉',
  neighbour: '相邻业主因渗漏水维修责任发生纠纷',
  parking_occupation: '业主产权车位被他人长期占用，物业未及时处理',
  parking_fee: '业主对车位管理费、临停收费标准有异议',
  parking_ownership: '业主与开发商对地下车位产权归属存在争议',
  parking_lease_sale: '车位只售不租、租售价格引发业主投诉',
  parking_charging: '业主申请安装充电桩被物业拒绝，双方发生争议',
  parking_other: '业主对车位划线、车位改造等其他车位事项发生争议',
  other: '业主与物业服务企业就其他管理事项发生争议',
}

interface EstateRow { id: number; name: string; street_id: number; district_id: number; company_name: string | null; street_name: string }
interface Actor { id: number | null; name: string; role: string }

/**
 * 纠纷化解台账 (module 22): disputes of the last two years on each estate (demo ≈ 3k, city ≈ 30k with
 * `disputesPerEstate`), entered by the district bureau (or now and then the city), each with the workflow
 * history the engine would have written (录入 → 转办 → 处理 … → 申请办结 → 确认办结, some returned once)
 * and the open to-do of its state. Seeded per estate.
 */
export const disputes: DataGenerator = {
  name: 'disputes',
  description: '纠纷化解台账: disputes with their workflow history and open to-dos',
  tables: ['dispute_attachments', 'disputes'],
  async run(ctx) {
    const { client, now, seed } = ctx
    const [min, max] = ctx.scale.disputesPerEstate ?? [0, 4]
    const { rows: estates } = await client.query<EstateRow>(
      `SELECT e.id, e.name, e.street_id, e.district_id, e.company_name, s.name AS street_name FROM estates e JOIN regions s ON s.id = e.street_id ORDER BY e.id`
    )
    const { rows: users } = await client.query<Actor & { region_id: number }>(
      `SELECT id, name, role, region_id FROM users WHERE role IN ('city_admin', 'district_admin', 'street_handler') AND status = 'active' ORDER BY id`
    )
    const city = (await client.query<{ id: number }>(`SELECT id FROM regions WHERE level = 'city' LIMIT 1`)).rows[0]
    const byRegion = (role: string) => new Map(users.filter((u) => u.role === role).map((u) => [u.region_id, u]))
    const bureaus = byRegion('district_admin')
    const handlers = byRegion('street_handler')
    const cityAdmin: Actor = users.find((u) => u.role === 'city_admin') ?? { id: null, name: '市住建局', role: 'city_admin' }

    let nextId = await ctx.firstId('disputes')
    const disputeRows: CopyValue[][] = []
    const eventRows: CopyValue[][] = []
    const todoRows: CopyValue[][] = []
    const bar = ctx.progress.start('disputes', estates.length, 'estates')
    for (const estate of estates) {
      const r = createRandom(deriveSeed(seed, 'disputes', estate.id))
      const people = ctx.people(`disputes-${estate.id}`)
      for (let n = r.int(min, max); n > 0; n--) {
        const id = nextId++
        const type = r.pick(TYPES)
        let roll = r.next()
        const state = (STATES.find(([, share]) => (roll -= share) < 0) ?? STATES[0])[0]
        const byCity = r.chance(0.15) || !bureaus.has(estate.district_id)
        const bureau: Actor = byCity ? cityAdmin : bureaus.get(estate.district_id)!
        const bureauRegion = byCity ? city.id : estate.district_id
        const handler: Actor = handlers.get(estate.street_id) ?? { id: null, name: `${estate.street_name}经办人`, role: 'street_handler' }
        // steps one to twenty days apart, the last one no later than now
        const steps = state === 'registered' ? 1 : state === 'transferred' ? 2 : state === 'handling' ? 3 : 5
        let at = now.getTime() - r.int(steps * 2, 730) * DAY
        const nextAt = () => new Date((at = Math.min(now.getTime(), at + r.int(1, 20) * DAY)))
        const reported = new Date(at - r.int(0, 5) * DAY)
        const created = new Date(at)
        const events: [string, string | null, string, Actor, string | null, Record<string, unknown>, Date][] = [
          ['register', null, 'registered', bureau, null, { disputeType: type, estateId: estate.id, attachments: [] }, created],
        ]
        let transferredAt: Date | null = null
        let handled = 0
        let lastHandled: Date | null = null
        let result: string | null = null
        let closedAt: Date | null = null
        if (state !== 'registered') {
          transferredAt = nextAt()
          events.push(['transfer', 'registered', 'transferred', bureau, null, {}, transferredAt])
        }
        const handle = (from: string) => {
          lastHandled = nextAt()
          handled++
          const progress = r.pick(['已约谈双方，正在协调', '已组织现场调解', '已督促物业服务企业整改', '双方初步达成一致'])
          const day = new Date(lastHandled.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
          events.push(['handle', from, 'handling', handler, progress, { handled_on: day, measures: r.pick(['约谈当事人', '组织调解', '发出整改通知', '联合社区上门核查']), progress, attachments: [] }, lastHandled])
        }
        if (state === 'handling' || state === 'closing' || state === 'closed') {
          handle('transferred')
          if (r.chance(0.4)) handle('handling')
        }
        if (state === 'closing' || state === 'closed') {
          result = r.pick(['双方达成调解协议，纠纷已化解', '物业服务企业已整改到位，业主认可', '已引导当事人通过诉讼途径解决'])
          events.push(['apply_close', 'handling', 'closing', handler, result, { result, attachments: [] }, nextAt()])
        }
        if (state === 'closed') {
          closedAt = nextAt()
          events.push(['confirm_close', 'closing', 'closed', bureau, null, { remark: null }, closedAt])
        }
        const title = `${estate.name}${DISPUTE_TYPES[type]}`
        const parties = `${people.name()}等业主；${estate.company_name ?? '物业服务企业'}`
        const updated = events[events.length - 1][6]
        disputeRows.push([
          id, type, estate.id, estate.street_id, bureauRegion, title.slice(0, 100), parties.slice(0, 500), SUMMARIES[type], reported.toISOString().slice(0, 10), state,
          events.length, transferredAt, handled, lastHandled, result, closedAt, bureau.id, created, updated,
        ])
        for (const [action, from, to, actor, remark, data, when] of events) {
          eventRows.push(['dispute', id, action, from, to, actor.id, actor.name, actor.role, remark, JSON.stringify(data), when])
        }
        if (state !== 'closed') {
          const forStreet = state === 'transferred' || state === 'handling'
          const summary = state === 'closing' ? `${estate.street_name} · ${estate.name} · 申请办结` : `${estate.name} · ${DISPUTE_TYPES[type]} · ${DISPUTE_STATES[state]}`
          todoRows.push([
            'dispute', id, state, `纠纷：${title.slice(0, 100)}`, summary, forStreet ? estate.street_id : bureauRegion,
            forStreet ? '{street_head,street_handler}' : '{city_admin,district_admin}', forStreet ? 'disputes.handle' : 'disputes.manage', null, updated, null, null, null,
          ])
        }
      }
      bar.increment()
    }
    bar.stop()
    const written = await ctx.copy('disputes', [
      'id', 'dispute_type', 'estate_id', 'street_id', 'bureau_region_id', 'title', 'parties', 'summary', 'reported_on', 'state',
      'version', 'transferred_at', 'handle_count', 'last_handled_at', 'close_result', 'closed_at', 'created_by', 'created_at', 'updated_at',
    ], disputeRows)
    const events = await ctx.copy('workflow_events', ['process', 'subject_id', 'action', 'from_state', 'to_state', 'actor_id', 'actor_name', 'actor_role', 'remark', 'data', 'created_at'], eventRows)
    const todos = await ctx.copy('todos', ['process', 'subject_id', 'step', 'title', 'summary', 'region_id', 'roles', 'feature', 'due_on', 'created_at', 'closed_at', 'closed_by', 'outcome'], todoRows)
    await ctx.syncSequence('disputes')
    await client.query('ANALYZE disputes')
    ctx.log(`disputes: ${written} disputes, ${events} history entries, ${todos} open to-dos`)
    return { disputes: written, dispute_workflow_events: events, dispute_todos: todos }
  },
}
