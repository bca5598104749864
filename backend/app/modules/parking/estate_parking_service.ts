import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { errors as vineErrors } from '@vinejs/vine'
import { writeParkingProfileOutbox, writeParkingSpaceOutbox, type QueryFn } from '@szpm/etl'
import type { ParkingSpaceKind, ParkingSpaceStatus } from '@szpm/core'
import type User from '#models/user'
import ParkingSpace from '#models/parking_space'
import { NotFoundInScope } from '#services/region_scope'
import { containing } from '#services/like_pattern'
import { StaleRecord } from '#modules/filings/filing_service'

export interface ParkingSpaceInput {
  kind?: ParkingSpaceKind
  code?: string
  location?: string
  status?: ParkingSpaceStatus
}

const knex = (trx: TransactionClientContract): QueryFn => (sql, params) => trx.rawQuery(sql, params as any[]).then((result) => result.rows)

function duplicateCode(): never {
  throw new vineErrors.E_VALIDATION_ERROR([{ field: 'code', message: '该物业项目已有此车位编号', rule: 'unique' }])
}

/**
 * 车位信息 maintenance by the estate's 项目经理 (user_estates, relation project_manager; any other
 * estate, or a space of one, is a 404). Each change is one transaction with its outbox events: the
 * space (a tombstone when deleted) and, for the estate's first space, the filled-in marker
 * (estate_parking_profiles). Edits carry the version they were read at (a stale one is a 409).
 */
export default class EstateParkingService {
  /** the estate, when `user` is its project manager */
  async managedEstate(user: User, estateId: number): Promise<{ id: number; name: string; filledAt: Date | null }> {
    const row = await db
      .from('user_estates as ue')
      .join('estates as e', 'e.id', 'ue.estate_id')
      .leftJoin('estate_parking_profiles as p', 'p.estate_id', 'e.id')
      .where('ue.user_id', user.id)
      .where('ue.estate_id', estateId)
      .where('ue.relation', 'project_manager')
      .select('e.id', 'e.name', 'p.filled_at')
      .first()
    if (!row) throw new NotFoundInScope()
    return { id: Number(row.id), name: row.name, filledAt: row.filled_at ?? null }
  }

  /** the estate's spaces (one page), by number */
  async list(user: User, estateId: number, filters: { kind?: ParkingSpaceKind; q?: string; page: number; perPage: number }) {
    const estate = await this.managedEstate(user, estateId)
    const page = await this.spaces(estate.id, filters).paginate(filters.page, filters.perPage)
    return { estate, spaces: page.all(), total: page.total }
  }

  /** the estate's spaces matching the list's filters, by number (the list's page and the export) */
  spaces(estateId: number, filters: { kind?: ParkingSpaceKind; q?: string }) {
    const query = ParkingSpace.query().where('estate_id', estateId)
    if (filters.kind) query.where('kind', filters.kind)
    if (filters.q) {
      const pattern = containing(filters.q)
      query.where((inner) => inner.whereILike('code', pattern).orWhereILike('location', pattern))
    }
    return query.orderBy('code').orderBy('id')
  }

  async create(user: User, estateId: number, input: ParkingSpaceInput & { kind: ParkingSpaceKind; code: string }) {
    const estate = await this.managedEstate(user, estateId)
    return db.transaction(async (trx) => {
      // one writer per estate at a time: the number check and the first-filling marker hold
      await trx.from('estates').where('id', estate.id).forUpdate().select('id')
      if (await trx.from('parking_spaces').where('estate_id', estate.id).where('code', input.code).first()) duplicateCode()
      const space = await ParkingSpace.create(
        { estateId: estate.id, kind: input.kind, code: input.code, location: input.location ?? '', status: input.status ?? 'in_use', version: 1 },
        { client: trx }
      )
      const filled = await trx.rawQuery('INSERT INTO estate_parking_profiles (estate_id, filled_at, filled_by) VALUES (?, now(), ?) ON CONFLICT (estate_id) DO NOTHING RETURNING estate_id', [estate.id, user.id])
      await writeParkingSpaceOutbox(knex(trx), [Number(space.id)], { paramStyle: 'knex' })
      if (filled.rows.length) await writeParkingProfileOutbox(knex(trx), [estate.id], { paramStyle: 'knex' })
      return space
    })
  }

  async update(user: User, spaceId: number, input: ParkingSpaceInput & { version: number }) {
    const space = await this.managedSpace(user, spaceId)
    return db.transaction(async (trx) => {
      const { version, ...changes } = input
      if (changes.code !== undefined && changes.code !== space.code) {
        await trx.from('estates').where('id', space.estateId).forUpdate().select('id')
        if (await trx.from('parking_spaces').where('estate_id', space.estateId).where('code', changes.code).whereNot('id', Number(space.id)).first()) duplicateCode()
      }
      const updated = await trx.from('parking_spaces').where('id', Number(space.id)).where('version', version).update({ ...changes, version: version + 1, updated_at: new Date() })
      if (Number(updated) !== 1 && !(Array.isArray(updated) && updated.length === 1)) throw new StaleRecord()
      await writeParkingSpaceOutbox(knex(trx), [Number(space.id)], { paramStyle: 'knex' })
      return ParkingSpace.query({ client: trx }).where('id', Number(space.id)).firstOrFail()
    })
  }

  async destroy(user: User, spaceId: number, version: number) {
    const space = await this.managedSpace(user, spaceId)
    await db.transaction(async (trx) => {
      const deleted = await trx.from('parking_spaces').where('id', Number(space.id)).where('version', version).delete()
      if (Number(deleted) !== 1 && !(Array.isArray(deleted) && deleted.length === 1)) throw new StaleRecord()
      await writeParkingSpaceOutbox(knex(trx), [Number(space.id)], { paramStyle: 'knex', estateOf: new Map([[Number(space.id), space.estateId]]) })
    })
  }

  /** a space of an estate `user` manages (404 otherwise) */
  private async managedSpace(user: User, spaceId: number): Promise<ParkingSpace> {
    const space = await ParkingSpace.query()
      .where('id', spaceId)
      .whereIn('estate_id', db.from('user_estates').where('user_id', user.id).where('relation', 'project_manager').select('estate_id'))
      .first()
    if (!space) throw new NotFoundInScope()
    return space
  }
}
