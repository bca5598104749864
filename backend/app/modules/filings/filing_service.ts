import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { Exception } from '@adonisjs/core/exceptions'
import { errors as vineErrors } from '@vinejs/vine'
import Filing from '#models/filing'
import FilingEvent from '#models/filing_event'
import type User from '#models/user'
import { findEstateInScope, userRegion, scopeEstates } from '#services/region_scope'
import { publishFilings } from '#services/outbox'
import Estate from '#models/estate'
import clock from '#services/clock'
import { effectiveFilingStatus, mayExpire } from '#modules/filings/filing_status'
import type { FilingKind } from '@szpm/core'

export class StaleRecord extends Exception {
  constructor() {
    super('该记录已被他人修改，请刷新后重试', { status: 409, code: 'E_STALE_RECORD' })
  }
}

/** An estate has one property-service contract in force at a time (a new one follows an expired or withdrawn one). */
export class ContractInForce extends Exception {
  constructor(documentNo: string) {
    super(`该项目已有有效的物业服务合同备案（备案编号 ${documentNo}），请先将其标记为已过期或撤销后再登记新合同`, { status: 409, code: 'E_CONTRACT_IN_FORCE' })
  }
}

/**
 * Refuses a second contract in force for the estate (`except`: the filing being renewed). The estate's row
 * is locked first, so two clerks registering at once cannot both pass the check.
 */
async function assertNoContractInForce(trx: TransactionClientContract, estateId: number, except: number | null = null) {
  await trx.from('estates').where('id', estateId).forUpdate().select('id')
  const today = clock.today()
  const query = trx.from('filings').where('estate_id', estateId).where('kind', 'contract').where('status', 'filed')
    .where((q) => q.whereNull('expires_on').orWhere('expires_on', '>=', today)).select('document_no')
  if (except !== null) query.whereNot('id', except)
  const inForce = await query.first()
  if (inForce) throw new ContractInForce(inForce.document_no)
}

export class InvalidTransition extends Exception {
  constructor(message: string) {
    super(message, { status: 422, code: 'E_INVALID_TRANSITION' })
  }
}

/** Transitions a filing may take: status → action that reaches it. */
const TRANSITIONS: Record<string, Partial<Record<string, 'expire' | 'renew' | 'withdraw'>>> = {
  filed: { expired: 'expire', withdrawn: 'withdraw' },
  expired: { filed: 'renew', withdrawn: 'withdraw' },
  withdrawn: {},
}

/**
 * Every change is one transaction: the record, its history entry and the outbox event for the
 * warehouse commit together or not at all. Updates use the record's version (optimistic lock).
 */
export default class FilingService {
  async create(
    user: User,
    input: { estate_id: number; kind: FilingKind; document_no: string; filed_on: Date; expires_on?: Date | null }
  ) {
    const estate = await findEstateInScope(user, input.estate_id)
    return db.transaction(async (trx) => {
      if (input.kind === 'contract') await assertNoContractInForce(trx, estate.id)
      const filing = await Filing.create(
        {
          estateId: estate.id,
          kind: input.kind,
          status: 'filed',
          documentNo: input.document_no,
          filedOn: DateTime.fromJSDate(input.filed_on),
          expiresOn: input.expires_on ? DateTime.fromJSDate(input.expires_on) : null,
          version: 1,
          createdBy: user.id,
        },
        { client: trx }
      )
      await FilingEvent.create(
        { filingId: filing.id, action: 'create', fromStatus: null, toStatus: 'filed', actorId: user.id, remark: null },
        { client: trx }
      )
      await publishFilings(trx, [filing.id])
      return filing
    })
  }

  async transition(
    user: User,
    filingId: number,
    input: { status: 'filed' | 'expired' | 'withdrawn'; version: number; remark?: string | null; expires_on?: Date | null }
  ) {
    const filing = await this.findInScope(user, filingId)
    if (input.status === 'expired' && !mayExpire(filing.kind)) {
      throw new vineErrors.E_VALIDATION_ERROR([{ field: 'status', message: '业主大会备案不会过期，不能标记为已过期', rule: 'assemblyNeverExpires' }])
    }
    // a contract past its expiry date is 已过期 whatever is stored: it can be renewed, not expired again
    const today = clock.today()
    const current = effectiveFilingStatus({ kind: filing.kind, status: filing.status, expiresOn: filing.expiresOn?.toISODate() ?? null }, today)
    const action = TRANSITIONS[current]?.[input.status]
    if (!action) {
      throw new InvalidTransition(`当前状态为「${current === 'withdrawn' ? '已撤销' : current === 'filed' ? '已备案' : '已过期'}」，不能执行该操作`)
    }
    if (input.status === 'filed') {
      const expiresOn = input.expires_on !== undefined ? (input.expires_on ? DateTime.fromJSDate(input.expires_on).toISODate() : null) : (filing.expiresOn?.toISODate() ?? null)
      if (effectiveFilingStatus({ kind: filing.kind, status: 'filed', expiresOn }, today) !== 'filed') {
        throw new vineErrors.E_VALIDATION_ERROR([{ field: 'expires_on', message: '合同已到期，恢复有效须填写今天或之后的到期日期', rule: 'afterOrEqual' }])
      }
    }
    return db.transaction(async (trx) => {
      if (input.status === 'filed' && filing.kind === 'contract') await assertNoContractInForce(trx, filing.estateId, filing.id)
      const changes: Record<string, unknown> = { status: input.status, version: input.version + 1, updated_at: new Date() }
      if (input.expires_on !== undefined) changes.expires_on = input.expires_on
      const updated = await trx.from('filings').where('id', filing.id).where('version', input.version).update(changes)
      if (Number(updated) !== 1 && !(Array.isArray(updated) && updated.length === 1)) throw new StaleRecord()
      await FilingEvent.create(
        { filingId: filing.id, action, fromStatus: current, toStatus: input.status, actorId: user.id, remark: input.remark ?? null },
        { client: trx }
      )
      await publishFilings(trx, [filing.id])
      return Filing.query({ client: trx }).where('id', filing.id).firstOrFail()
    })
  }

  /** A filing is visible only through an estate inside the user's scope. */
  async findInScope(user: User, filingId: number) {
    const root = await userRegion(user)
    const filing = await Filing.query()
      .where('filings.id', filingId)
      .whereIn('estate_id', scopeEstates(Estate.query().select('estates.id'), root))
      .first()
    if (!filing) throw new Exception('记录不存在', { status: 404, code: 'E_NOT_FOUND' })
    return filing
  }

  async listForEstate(user: User, estateId: number) {
    const estate = await findEstateInScope(user, estateId)
    return Filing.query()
      .where('estate_id', estate.id)
      .preload('events', (events) => events.orderBy('id', 'asc').preload('actor'))
      .orderBy('filed_on', 'desc')
      .orderBy('id', 'desc')
  }
}
