import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { STAFF_STALE_DAYS, type EstateStaffState } from '@szpm/core'
import { STAFF_RECORD_KINDS, writeStaffOutbox, type StaffRecordIds, type StaffRecordKind } from '@szpm/etl'
import Practitioner from '#models/practitioner'
import type User from '#models/user'
import clock, { ZONE } from '#services/clock'
import { NotFoundInScope } from '#services/region_scope'
import { StaleRecord } from '#modules/filings/filing_service'

export interface CertificateInput {
  name: string
  number: string
  issued_on: Date
  valid_until?: Date | null
}

export interface PractitionerInput {
  name: string
  /** absent on an edit = unchanged */
  id_number?: string
  /** absent on an edit = unchanged */
  phone?: string
  post: string
  is_lead?: boolean
  hired_on?: Date | null
  certificates?: CertificateInput[]
}

/** a validated date (VineJS: local midnight) as YYYY-MM-DD */
const day = (value: Date | null | undefined) => (value ? DateTime.fromJSDate(value).toISODate() : null)

/** the columns a project manager enters for a practitioner (create and edit alike) */
const personFields = (input: PractitionerInput) => ({
  name: input.name,
  ...(input.id_number === undefined ? {} : { id_number: input.id_number }),
  ...(input.phone === undefined ? {} : { phone: input.phone }),
  post: input.post,
  is_lead: input.is_lead ?? false,
  hired_on: day(input.hired_on),
})

/**
 * Appends the staff records' current rows (and tombstones of deleted ones) to the outbox, inside the
 * caller's transaction after the change: the warehouse learns of it exactly when it commits.
 */
async function publish(trx: TransactionClientContract, ids: StaffRecordIds, deleted: { kind: StaffRecordKind; id: number; estateId: number }[] = []) {
  await writeStaffOutbox((sql, params) => trx.rawQuery(sql, params as any[]).then((result) => result.rows), ids, { paramStyle: 'knex', deleted })
}

/**
 * 从业人员信息's maintenance by the estate's 项目经理 (an account bound to the estate in `user_estates`
 * as project_manager): list, add, edit (with `version`, 409 when someone changed it since), delete
 * the estate's practitioners with their certificates, and 确认信息无误 (sets the confirmation time —
 * the information is stale STAFF_STALE_DAYS after it). Anyone else — another estate's manager, a
 * committee director, a government account — gets a 404. Each change is one transaction with its
 * outbox events.
 */
export default class StaffService {
  /** the estate when `user` is its project manager; otherwise a 404 */
  async managedEstate(user: User, estateId: number, trx?: TransactionClientContract) {
    const estate = await (trx ?? db)
      .from('estates as e')
      .join('user_estates as ue', 'ue.estate_id', 'e.id')
      .where('e.id', estateId)
      .where('ue.user_id', user.id)
      .where('ue.relation', 'project_manager')
      .select('e.id', 'e.name', 'e.company_name')
      .first()
    if (!estate) throw new NotFoundInScope()
    return estate as { id: number; name: string; company_name: string | null }
  }

  /** a practitioner of an estate `user` manages, locked for the change; otherwise a 404 */
  private async managedPractitioner(trx: TransactionClientContract, user: User, practitionerId: number) {
    const practitioner = await Practitioner.query({ client: trx }).where('id', practitionerId).where('staff_group', 'estate').forUpdate().first()
    if (!practitioner?.estateId) throw new NotFoundInScope()
    await this.managedEstate(user, practitioner.estateId, trx)
    return { id: practitioner.id, estate_id: practitioner.estateId, version: practitioner.version }
  }

  /** the estate's staff information state: missing (nobody), stale (confirmed too long ago, or never), current */
  async state(estate: { id: number; name: string }): Promise<EstateStaffState> {
    const row = await db
      .from('estates as e')
      .leftJoin('estate_staff_confirmations as sc', 'sc.estate_id', 'e.id')
      .where('e.id', estate.id)
      .select('sc.confirmed_at', db.raw('(SELECT count(*)::int FROM practitioners p WHERE p.estate_id = e.id) AS practitioners'))
      .firstOrFail()
    const confirmedAt: Date | null = row.confirmed_at ?? null
    const staleBefore = clock.now().minus({ days: STAFF_STALE_DAYS }).toISODate()!
    const stale = !confirmedAt || DateTime.fromJSDate(confirmedAt, { zone: ZONE }).toISODate()! < staleBefore
    return {
      estateId: estate.id,
      estateName: estate.name,
      practitioners: row.practitioners,
      confirmedAt: confirmedAt ? confirmedAt.toISOString() : null,
      state: row.practitioners === 0 ? 'missing' : stale ? 'stale' : 'current',
    }
  }

  async create(user: User, estateId: number, input: PractitionerInput & { id_number: string; phone: string }): Promise<number> {
    return db.transaction(async (trx) => {
      const estate = await this.managedEstate(user, estateId, trx)
      const now = clock.now().toJSDate()
      const [created] = (await trx
        .insertQuery()
        .table('practitioners')
        .insert({ staff_group: 'estate', estate_id: estate.id, company_name: estate.company_name ?? '', ...personFields(input), version: 1, created_at: now, updated_at: now })
        .returning('id')) as { id: number }[]
      const certificateIds = await this.insertCertificates(trx, created.id, input.certificates ?? [], now)
      await publish(trx, { practitioners: [created.id], certificates: certificateIds })
      return created.id
    })
  }

  /** replaces the practitioner's fields and certificates when `version` is still current (409 otherwise) */
  async update(user: User, practitionerId: number, input: PractitionerInput & { version: number }): Promise<number> {
    return db.transaction(async (trx) => {
      const current = await this.managedPractitioner(trx, user, practitionerId)
      if (current.version !== input.version) throw new StaleRecord()
      const now = clock.now().toJSDate()
      await trx
        .from('practitioners')
        .where('id', practitionerId)
        .update({ ...personFields(input), version: current.version + 1, updated_at: now })
      const removed = (await trx.from('practitioner_certificates').where('practitioner_id', practitionerId).delete().returning('id')) as { id: number }[]
      const certificateIds = await this.insertCertificates(trx, practitionerId, input.certificates ?? [], now)
      await publish(
        trx,
        { practitioners: [practitionerId], certificates: certificateIds },
        removed.map((row) => ({ kind: STAFF_RECORD_KINDS.certificate, id: Number(row.id), estateId: current.estate_id }))
      )
      return practitionerId
    })
  }

  async destroy(user: User, practitionerId: number, version: number): Promise<void> {
    await db.transaction(async (trx) => {
      const current = await this.managedPractitioner(trx, user, practitionerId)
      if (current.version !== version) throw new StaleRecord()
      const removed = (await trx.from('practitioner_certificates').where('practitioner_id', practitionerId).delete().returning('id')) as { id: number }[]
      await trx.from('practitioners').where('id', practitionerId).delete()
      await publish(trx, {}, [
        { kind: STAFF_RECORD_KINDS.practitioner, id: practitionerId, estateId: current.estate_id },
        ...removed.map((row) => ({ kind: STAFF_RECORD_KINDS.certificate, id: Number(row.id), estateId: current.estate_id })),
      ])
    })
  }

  /** 确认信息无误: the estate's staff information was checked now */
  async confirm(user: User, estateId: number): Promise<void> {
    await db.transaction(async (trx) => {
      const estate = await this.managedEstate(user, estateId, trx)
      await trx.rawQuery(
        `INSERT INTO estate_staff_confirmations (estate_id, confirmed_at, confirmed_by) VALUES (?, ?, ?)
         ON CONFLICT (estate_id) DO UPDATE SET confirmed_at = EXCLUDED.confirmed_at, confirmed_by = EXCLUDED.confirmed_by`,
        [estate.id, clock.now().toJSDate(), user.id]
      )
      await publish(trx, { estates: [estate.id] })
    })
  }

  private async insertCertificates(trx: TransactionClientContract, practitionerId: number, certificates: CertificateInput[], now: Date): Promise<number[]> {
    if (certificates.length === 0) return []
    const rows = (await trx
      .insertQuery()
      .table('practitioner_certificates')
      .multiInsert(
        certificates.map((certificate) => ({
          practitioner_id: practitionerId,
          name: certificate.name,
          number: certificate.number,
          issued_on: day(certificate.issued_on),
          valid_until: day(certificate.valid_until),
          created_at: now,
        }))
      )
      .returning('id')) as { id: number }[]
    return rows.map((row) => Number(row.id))
  }
}
