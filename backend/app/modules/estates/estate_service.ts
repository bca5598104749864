import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { estateIdsParam, writeEstateBallotsOutbox, writeEstateVotingOutbox, writeEstateHousesOutbox, writeEstateLearningRecordsOutbox, writeEstateNoticeReceiptsOutbox, writeEstateProfileOutbox, writeEstateStaffOutbox, writeHouseOutbox } from '@szpm/etl'
import Estate from '#models/estate'
import { publishEvaluations } from '#services/outbox'

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

const knexQuery = (trx: TransactionClientContract) => (sql: string, params: readonly unknown[]) => trx.rawQuery(sql, params as any[]).then((result) => result.rows)

/**
 * Appends the current `estate_profile` (项目管理) of the given estates to the outbox, inside the
 * caller's transaction, so the warehouse learns of the change exactly when it commits.
 */
export async function publishEstateProfiles(trx: TransactionClientContract, estateIds: number[]) {
  if (estateIds.length === 0) return
  await writeEstateProfileOutbox(knexQuery(trx), estateIds, { paramStyle: 'knex' })
}

/**
 * THE writer of estate profile data (estates, their house register totals, company and committee).
 * Every write is one transaction with its outbox events: `estate_profile` always, and — when the name
 * changes, which 街道社区评价 facts carry — those estates' evaluations (备案情况's filing facts carry no
 * name or place: the cube reads them from the profile).
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
   * Moves an estate to another community (its street and district follow the community). Every fact
   * that carries the estate's place is re-published in the same transaction — its profile, its
   * evaluations and each of its houses — so the warehouse moves it whole (备案情况's filing facts carry
   * no place: the cube reads it from the profile). Returns null when
   * the community does not exist.
   */
  async moveToCommunity(estateId: number, communityId: number) {
    return db.transaction(async (trx) => {
      const community = await trx.from('regions').where({ id: communityId, level: 'community' }).select('id', 'street_id', 'district_id').first()
      if (!community) return null
      const estate = await Estate.query({ client: trx }).where('id', estateId).forUpdate().firstOrFail()
      estate.merge({ communityId: community.id, streetId: community.street_id, districtId: community.district_id })
      await estate.save()
      await this.publish(trx, [estate.id], { renamed: true })
      return estate
    })
  }

  /**
   * After houses of the register were added or changed inside `trx`: their estates' totals are
   * refreshed and each house is published (one `house` event), in the writer's transaction.
   */
  async housesChanged(trx: TransactionClientContract, houseIds: number[]) {
    if (houseIds.length === 0) return
    const estates = await trx.from('houses').whereIn('id', houseIds).distinct('estate_id')
    await this.refreshHouseTotals(trx, estates.map((row) => Number(row.estate_id)))
    await writeHouseOutbox(knexQuery(trx), houseIds, { paramStyle: 'knex' })
    // 业主决策情况: ballots carry their house's owner key, open meetings the register's totals
    await writeEstateVotingOutbox(knexQuery(trx), estates.map((row) => Number(row.estate_id)), { paramStyle: 'knex' })
  }

  /**
   * Removes houses from the register: their estates' totals are refreshed and each house is
   * published as deleted, in one transaction. Returns the number removed.
   */
  async deleteHouses(houseIds: number[]) {
    if (houseIds.length === 0) return 0
    return db.transaction(async (trx) => {
      const houses = await trx.from('houses').whereIn('id', houseIds).forUpdate().select('id', 'estate_id')
      if (houses.length === 0) return 0
      const estateOf = new Map(houses.map((house) => [Number(house.id), Number(house.estate_id)]))
      await trx.from('houses').whereIn('id', [...estateOf.keys()]).delete()
      await this.refreshHouseTotals(trx, [...new Set(estateOf.values())])
      await writeHouseOutbox(knexQuery(trx), [...estateOf.keys()], { paramStyle: 'knex', estateOf })
      await writeEstateVotingOutbox(knexQuery(trx), [...new Set(estateOf.values())], { paramStyle: 'knex' })
      return houses.length
    })
  }

  /**
   * Sets house_count / household_count / building_area of the given estates from the house
   * register (`houses`), as a writer of houses or owners must after its change, in its transaction.
   * Nothing is published: the warehouse counts the houses themselves (`house` events).
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
  }

  private async publish(trx: TransactionClientContract, estateIds: number[], { renamed }: { renamed: boolean }) {
    await publishEstateProfiles(trx, estateIds)
    if (!renamed) return
    await writeEstateHousesOutbox(knexQuery(trx), estateIds, { paramStyle: 'knex' })
    // 通知阅读统计 carries the estate's place and name on every receipt
    await writeEstateNoticeReceiptsOutbox(knexQuery(trx), estateIds, { paramStyle: 'knex' })
    // 宣传培训's learning records carry their learner's estate, its place and name
    await writeEstateLearningRecordsOutbox(knexQuery(trx), estateIds, { paramStyle: 'knex' })
    // 从业人员信息's records carry their estate's place and name (practitioners, certificates, the estate row)
    await writeEstateStaffOutbox(knexQuery(trx), estateIds, { paramStyle: 'knex' })
    // 业主决策情况's ballot facts carry their estate's place and name
    await writeEstateBallotsOutbox(knexQuery(trx), estateIds, { paramStyle: 'knex' })
    const evaluations = await trx.from('evaluations').whereIn('estate_id', estateIds).select('id')
    await publishEvaluations(trx, evaluations.map((row) => Number(row.id)))
  }
}
