import db from '@adonisjs/lucid/services/db'
import { errors as vineErrors } from '@vinejs/vine'
import type { EquipmentCategory, EquipmentStatus } from '@szpm/core'
import type User from '#models/user'
import Equipment from '#models/equipment'
import { NotFoundInScope, findEstateInScope, userScope, whereEstateIn } from '#services/region_scope'
import { StaleRecord } from '#modules/filings/filing_service'

export interface EquipmentInput {
  code?: string
  name?: string
  category?: EquipmentCategory
  location?: string
  quantity?: number
  commissioned_on?: Date | null
  status?: EquipmentStatus
}

function duplicateCode(): never {
  throw new vineErrors.E_VALIDATION_ERROR([{ field: 'code', message: '该物业项目已有此设备编号', rule: 'unique' }])
}

const isoDate = (value: Date | null | undefined) =>
  value === undefined ? undefined : value === null ? null : `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`

/** the columns a change writes (only the fields given) */
function columnsOf(input: EquipmentInput) {
  const columns: Record<string, unknown> = {}
  if (input.code !== undefined) columns.code = input.code
  if (input.name !== undefined) columns.name = input.name
  if (input.category !== undefined) columns.category = input.category
  if (input.location !== undefined) columns.location = input.location
  if (input.quantity !== undefined) columns.quantity = input.quantity
  if (input.commissioned_on !== undefined) columns.commissioned_on = isoDate(input.commissioned_on)
  if (input.status !== undefined) columns.status = input.status
  return columns
}

/**
 * 设施设备 maintenance (areas.manage) within the user's scope: an estate or a piece of equipment
 * outside it is a 404. Each change is one transaction; the number is unique within the estate (a
 * duplicate is a 422 on `code`); edits and deletes carry the version read (a stale one is a 409).
 */
export default class EquipmentService {
  async create(user: User, estateId: number, input: EquipmentInput & { code: string; name: string; category: EquipmentCategory }) {
    const estate = await findEstateInScope(user, estateId)
    return db.transaction(async (trx) => {
      if (await trx.from('equipment').where('estate_id', estate.id).where('code', input.code).first()) duplicateCode()
      const [row] = await trx
        .insertQuery()
        .table('equipment')
        .insert({ estate_id: estate.id, location: '', quantity: 1, status: 'normal', ...columnsOf(input), version: 1 })
        .returning('id')
      return Number(row.id ?? row)
    })
  }

  async update(user: User, id: number, input: EquipmentInput & { version: number }) {
    const equipment = await this.inScope(user, id)
    const { version, ...changes } = input
    await db.transaction(async (trx) => {
      if (changes.code !== undefined && changes.code !== equipment.code) {
        if (await trx.from('equipment').where('estate_id', equipment.estateId).where('code', changes.code).whereNot('id', equipment.id).first()) duplicateCode()
      }
      const updated = await trx.from('equipment').where('id', equipment.id).where('version', version).update({ ...columnsOf(changes), version: version + 1, updated_at: new Date() })
      if (Number(updated) !== 1 && !(Array.isArray(updated) && updated.length === 1)) throw new StaleRecord()
    })
    return equipment.id
  }

  async destroy(user: User, id: number, version: number) {
    const equipment = await this.inScope(user, id)
    const deleted = await db.from('equipment').where('id', equipment.id).where('version', version).delete()
    if (Number(deleted) !== 1 && !(Array.isArray(deleted) && deleted.length === 1)) throw new StaleRecord()
  }

  /** a piece of equipment of an estate in the user's scope (404 otherwise) */
  private async inScope(user: User, id: number): Promise<Equipment> {
    const query = Equipment.query().join('estates as e', 'e.id', 'equipment.estate_id').where('equipment.id', id).select('equipment.*')
    whereEstateIn(query, 'e', await userScope(user))
    const equipment = await query.first()
    if (!equipment) throw new NotFoundInScope()
    return equipment
  }
}
