import { DateTime } from 'luxon'
import { ZONE } from '#services/clock'
import type { CopyValue } from './copy.ts'
import { createRandom, deriveSeed } from './random.ts'
import type { DataGenerator } from './types.ts'

const TITLES = [
  '社区治安防控体系建设', '消防安全隐患排查整治', '矛盾纠纷排查化解', '群防群治队伍建设', '出租屋安全管理', '电动自行车安全治理',
  '反电信网络诈骗宣传', '安全生产检查', '禁毒宣传教育', '视频监控覆盖与维护', '应急预案与演练', '校园周边安全整治',
  '重点人员服务管理', '高空抛物防范', '防汛防台风准备',
] as const

/** items of one year, their 分值 (multiples of 5, at least 5 each) summing to 100 */
function plannedItems(seed: number, year: number) {
  const r = createRandom(deriveSeed(seed, 'safety-items', year))
  const count = r.int(8, 12)
  const pool = TITLES.slice()
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1))
    ;[pool[i], pool[j]] = [pool[j], pool[i]]
  }
  const scores = Array.from({ length: count }, () => 5)
  for (let rest = 100 - 5 * count; rest > 0; rest -= 5) scores[r.int(0, count - 1)] += 5
  return pool.slice(0, count).map((title, index) => ({ title, maxScore: scores[index], sortOrder: index + 1 }))
}

/**
 * 平安建设: the assessment items of this year and last year (8–12 each, 分值 summing to 100) with an
 * assessment for every community × item. Last year is closed (almost all 已完成); this year is under
 * way in proportion to how much of it has passed — some communities ahead, some behind. Scores are
 * 60–100 % of the item's 分值 in half points; a 进行中 assessment has a score now and then.
 */
export const safety: DataGenerator = {
  name: 'safety',
  description: '平安建设: yearly assessment items and every community\'s assessments',
  tables: ['safety_assessments', 'safety_items'],
  async run(ctx) {
    const { client } = ctx
    const today = DateTime.fromJSDate(ctx.now, { zone: ZONE })
    const thisYear = today.year
    // how far this year has come (0..1): the share of its work done by now
    const elapsed = Math.min(1, Math.max(0.05, today.ordinal / 365))
    const staff = new Map<number, number>(
      (await client.query(`SELECT DISTINCT ON (region_id) region_id, id FROM users WHERE role IN ('community_handler', 'community_head') ORDER BY region_id, id`)).rows.map((row) => [row.region_id, row.id])
    )
    const communities = ctx.state.communities

    const firstItem = await ctx.firstId('safety_items')
    const items = [thisYear - 1, thisYear].flatMap((year, y) =>
      plannedItems(ctx.seed, year).map((item, index) => ({ ...item, year, id: firstItem + y * 100 + index }))
    )
    const created = (year: number) => (year === thisYear ? new Date(Math.min(ctx.now.getTime(), Date.parse(`${year}-01-05T09:00:00+08:00`))) : new Date(`${year}-01-05T09:00:00+08:00`))
    const itemCount = await ctx.copy(
      'safety_items',
      ['id', 'year', 'title', 'description', 'max_score', 'sort_order', 'created_at', 'updated_at'],
      items.map((item): CopyValue[] => [item.id, item.year, item.title, `${item.year}年度${item.title}工作完成情况`, item.maxScore, item.sortOrder, created(item.year), created(item.year)])
    )
    await ctx.syncSequence('safety_items')

    const bar = ctx.progress.start('safety assessments', communities.length, 'communities')
    let completed = 0
    const rows = function* (): Generator<CopyValue[]> {
      for (const community of communities) {
        const r = createRandom(deriveSeed(ctx.seed, 'safety', community.id))
        // a community ahead of or behind the year's pace
        const pace = Math.min(1, elapsed * (0.6 + r.next() * 0.8))
        for (const item of items) {
          const closed = item.year < thisYear
          const roll = r.next()
          const status = closed
            ? roll < 0.93 ? 'completed' : roll < 0.98 ? 'in_progress' : 'not_started'
            : roll < pace * 0.8 ? 'completed' : roll < pace * 0.8 + 0.3 ? 'in_progress' : 'not_started'
          const scored = status === 'completed' || (status === 'in_progress' && r.chance(0.3))
          const score = scored ? Math.round(item.maxScore * (0.6 + r.next() * 0.4) * 2) / 2 : null
          if (status === 'completed') completed++
          const start = created(item.year).getTime()
          const end = closed ? Date.parse(`${item.year}-12-28T18:00:00+08:00`) : ctx.now.getTime()
          const updatedAt = status === 'not_started' ? created(item.year) : new Date(start + Math.floor(r.next() * Math.max(0, end - start)))
          const remark = status === 'completed' ? r.pick(['已完成', '资料已归档', '经街道核查', '']) : status === 'in_progress' ? r.pick(['推进中', '待整改', '']) : ''
          yield [item.id, community.id, status, score, remark, status === 'not_started' ? null : (staff.get(community.id) ?? null), 1, created(item.year), updatedAt]
        }
        bar.increment()
      }
    }
    const assessments = await ctx.copy(
      'safety_assessments',
      ['item_id', 'community_id', 'status', 'score', 'remark', 'updated_by', 'version', 'created_at', 'updated_at'],
      rows()
    )
    bar.stop()
    ctx.log(`safety: ${itemCount} items (${thisYear - 1}, ${thisYear}), ${assessments} assessments (${completed} completed) of ${communities.length} communities`)
    return { safety_items: itemCount, safety_assessments: assessments }
  },
}
