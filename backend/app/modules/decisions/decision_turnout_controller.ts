import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { bind, sql } from '@szpm/warehouse'
import type { DecisionTurnoutRow } from '@szpm/core'
import { fromWarehouse } from '#services/dependency_errors'
import { NotFoundInScope, findEstateInScope } from '#services/region_scope'
import { warehouseFreshAt } from '#statistics/statistics_service'
import { decisionTurnoutValidator } from '#modules/decisions/decisions_validator'
import type User from '#models/user'
import { streamExcel, type ExcelColumn } from '#services/excel_export'
import { metricCell } from '@szpm/core'

const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0)

/**
 * 议题参与情况 (`decision_turnout.show`): one topic's standing ballots and participating area by
 * building or by day, from the warehouse's ballot facts (live rows: sum over sign), with each
 * building's houses and area from the register. Totals only — never a ballot. The topic of a draft
 * or of an estate outside the user's scope is a 404.
 */
async function turnout(user: User, topicId: number, qs: Record<string, unknown>) {
    const { by = 'building' } = await decisionTurnoutValidator.validate(qs)
    const topic = await db.from('voting_topics as t').join('voting_meetings as m', 'm.id', 't.meeting_id')
      .where('t.id', topicId).select('t.id', 't.title', 'm.estate_id', 'm.status').first()
    if (!topic || topic.status === 'draft') throw new NotFoundInScope()
    const estate = await findEstateInScope(user, Number(topic.estate_id))

    const warehouse = await app.container.make('warehouse')
    const where = sql`estate_id = ${bind(estate.id, 'UInt32')} AND topic_id = ${bind(Number(topic.id), 'UInt32')}`
    const register = await db.from('houses').where('estate_id', estate.id).groupBy('building')
      .select('building', db.raw('count(*)::int as houses'), db.raw('sum((building_area * 100)::bigint)::bigint as area'))
    const estateArea = register.reduce((sum, row) => sum + Number(row.area), 0)
    let rows: DecisionTurnoutRow[]
    if (by === 'building') {
      const facts = await fromWarehouse(() => warehouse.query<{ key: string; ballots: string | number; area: string | number }>(
        sql`SELECT building AS key, sum(sign) AS ballots, sum(area_centi * sign) AS area FROM ballot_facts WHERE ${where} GROUP BY building HAVING sum(sign) != 0`))
      const voted = new Map(facts.map((row) => [row.key, row]))
      rows = register.map((building) => {
        const fact = voted.get(building.building)
        const ballots = Number(fact?.ballots ?? 0)
        const area = Number(fact?.area ?? 0)
        return {
          key: building.building, houses: Number(building.houses), ballots, cumulativeBallots: ballots,
          votedArea: area / 100, totalArea: Number(building.area) / 100, areaTurnout: share(area, Number(building.area)),
        }
      }).sort((a, b) => a.key.localeCompare(b.key, 'zh-CN', { numeric: true }))
    } else {
      const facts = await fromWarehouse(() => warehouse.query<{ key: string; ballots: string | number; area: string | number }>(
        sql`SELECT toString(cast_on) AS key, sum(sign) AS ballots, sum(area_centi * sign) AS area FROM ballot_facts WHERE ${where} GROUP BY cast_on HAVING sum(sign) != 0 ORDER BY cast_on`))
      let ballotsSoFar = 0
      let areaSoFar = 0
      rows = facts.map((row) => {
        ballotsSoFar += Number(row.ballots)
        areaSoFar += Number(row.area)
        return {
          key: row.key, houses: null, ballots: Number(row.ballots), cumulativeBallots: ballotsSoFar,
          votedArea: Number(row.area) / 100, totalArea: null, areaTurnout: share(areaSoFar, estateArea),
        }
      })
    }
    return { rows, meta: { topicId: Number(topic.id), topicTitle: topic.title, estateId: estate.id, estateName: estate.name, by } }
}

const COLUMNS: Record<'building' | 'day', ExcelColumn<DecisionTurnoutRow>[]> = {
  building: [
    { header: '楼栋', width: 14, value: (row) => row.key },
    { header: '房屋(套)', width: 10, value: (row) => row.houses },
    { header: '有效选票(张)', width: 12, value: (row) => row.ballots },
    { header: '参与表决面积(㎡)', width: 16, value: (row) => metricCell('area', row.votedArea) },
    { header: '专有部分面积(㎡)', width: 16, value: (row) => metricCell('area', row.totalArea) },
    { header: '面积参与率', width: 12, value: (row) => metricCell('percent', row.areaTurnout) },
  ],
  day: [
    { header: '日期', width: 12, value: (row) => row.key },
    { header: '有效选票(张)', width: 12, value: (row) => row.ballots },
    { header: '累计选票(张)', width: 12, value: (row) => row.cumulativeBallots },
    { header: '参与表决面积(㎡)', width: 16, value: (row) => metricCell('area', row.votedArea) },
    { header: '累计面积参与率', width: 14, value: (row) => metricCell('percent', row.areaTurnout) },
  ],
}

export default class DecisionTurnoutController {
  async show({ request, params, auth }: HttpContext) {
    const { rows, meta } = await turnout(auth.getUserOrFail(), Number(params.id), request.qs())
    return { data: rows, meta: { ...meta, freshAt: await warehouseFreshAt() } }
  }

  /** the same as an Excel sheet (by building or by day) */
  async export(ctx: HttpContext) {
    const { rows, meta } = await turnout(ctx.auth.getUserOrFail(), Number(ctx.params.id), ctx.request.qs())
    const title = meta.by === 'building' ? '议题参与情况（按楼栋）' : '议题参与情况（按日期）'
    async function* stream() {
      yield* rows
    }
    await streamExcel<DecisionTurnoutRow>(ctx, `${title}-${meta.estateName}`, title, COLUMNS[meta.by], stream())
  }
}
