import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { estateIdsParam, writeEstateProfileOutbox } from '@szpm/etl'
import Estate from '#models/estate'
import { publishEstateFilingStates, publishEvaluations } from '#services/outbox'

/** The estate columns 项目管理 and the estate page show that a writer may change. */
export interface EstateChanges {
  name?: string
  address?: string
  estateType?: string
  companyName?: string | null
  managerName?: string | null
  managerPhone?: string | null
  hasCommittee?: boolean
  committeeDirector?: string | null
  hasPartyOrg?: boolean
}

/** Columns other facts carry besides 项目管理's own: a change re-publishes those facts too. */
const PLACE_COLUMNS: readonly (keyof EstateChanges)[] = ['name']

/**
 * Appends the current `estate_profile` (项目管理) of the given estates to the outbox, inside the
 * caller's transaction, so the warehouse learns of the change exactly when it commits.
 */
export async function publishEstateProfiles(trx: TransactionClientContract, estateIds: number[]) {
  if (estateIds.length === 0) return
  await writeEstateProfileOutbox((sql, params) => trx.rawQuery(sql, params as any[]).then((result) => result.rows), estateIds, {
    paramStyle: 'knex',
  })
}

/**
 * THE writer of estate profile data (estates, their house register totals, company and committee).
 * Every write is one transaction with its outbox events: `estate_profile` always, and — when the name
 * changes, which 备案情况 and 街道社区评价 facts carry — those estates' filing states and evaluations.
 * Callers scope the estate first (`findEstateInScope`); this service trusts the id it is given.
 */
export default class EstateService {
  /** Changes an estate's profile. Returns the estate as saved. */
  async update(estateId: number, changes: EstateChanges) {
    return db.transaction(async (trx) => {
      const estate = await Estate.query({ client: trx }).where('id', estateId).forUpdate().firstOrFail()
      estate.merge(changes)
      const renamed = PLACE_COLUMNS.some((column) => estate.$dirty[column] !== undefined)
      await estate.save()
      await this.publish(trx, [estate.id], { renamed })
      return estate
    })
  }

  /**
   * Sets house_count / household_count / building_area of the given estates from the house
   * register (`houses`), as a writer of houses or owners must after its change, in its transaction.
   */
  async refreshHouseTotals(trx: TransactionClientContract, estateIds: number[]) {
    if (estateIds.length === 0) return
    await trx.rawQuery(
      `UPDATE estates e
          SET house_count = coalesce(a.houses, 0), household_count = coalesce(a.households, 0),
              building_area = coalesce(a.area, 0), updated_at = now()
         FROM (SELECT x.id, h.houses, h.households, h.area
                 FROM unnest(?::int[]) AS x(id)
                 LEFT JOIN (SELECT estate_id, count(*)::int AS houses, count(owner_id)::int AS households, sum(building_area) AS area
                              FROM houses WHERE estate_id = ANY(?::int[]) GROUP BY estate_id) h ON h.estate_id = x.id) a
        WHERE e.id = a.id`,
      [estateIdsParam(estateIds), estateIdsParam(estateIds)]
    )
    await this.publish(trx, estateIds, { renamed: false })
  }

  private async publish(trx: TransactionClientContract, estateIds: number[], { renamed }: { renamed: boolean }) {
    await publishEstateProfiles(trx, estateIds)
    if (!renamed) return
    await publishEstateFilingStates(trx, estateIds)
    const evaluations = await trx.from('evaluations').whereIn('estate_id', estateIds).select('id')
    await publishEvaluations(trx, evaluations.map((row) => Number(row.id)))
  }
}
