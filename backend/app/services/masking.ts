import type { HttpContext } from '@adonisjs/core/http'
import type User from '#models/user'
import { userFeatures } from '#services/roles'
import { recordAudit } from '#services/audit'

/**
 * Personal data (个人信息) masking, in one place. Phone numbers leave as 138****1234 and resident ID
 * numbers as the first 6 + last 4 digits in every response and export, unless the user holds
 * `personal_data.unmask`; serving unmasked values writes an 'unmask' audit row.
 */
export const UNMASK_FEATURE = 'personal_data.unmask'

export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return ''
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****'
}

/** 440304199001011234 → 440304********1234 (anything too short to keep 10 digits is fully masked) */
export function maskIdNumber(idNumber: string | null | undefined): string {
  if (!idNumber) return ''
  if (idNumber.length < 12) return '*'.repeat(Math.max(idNumber.length, 4))
  return `${idNumber.slice(0, 6)}${'*'.repeat(idNumber.length - 10)}${idNumber.slice(-4)}`
}

export interface PersonalDataView {
  /** true when the current user may see (and is being served) full values */
  readonly unmasked: boolean
  phone(value: string | null | undefined): string
  idNumber(value: string | null | undefined): string
}

const maskedView: PersonalDataView = { unmasked: false, phone: maskPhone, idNumber: maskIdNumber }
const fullView: PersonalDataView = { unmasked: true, phone: (v) => v ?? '', idNumber: (v) => v ?? '' }

/** the masked view, for places with no request (jobs, tests) */
export const MASKED: PersonalDataView = maskedView

const audited = new WeakSet<object>()

/**
 * How the current request may show personal data. Call it where personal data is about to be
 * served: when the user holds the unmask feature it returns the full view and records one 'unmask'
 * audit row per request (`target` says what was shown).
 *
 * `features` overrides the user's feature list (tests, or a caller that already resolved it).
 */
export async function personalData(
  ctx: HttpContext | null,
  options: { target?: string; features?: readonly string[] } = {}
): Promise<PersonalDataView> {
  const user = ctx ? (ctx.auth?.user as User | undefined) : undefined
  const features: readonly string[] = options.features ?? (user ? userFeatures(user) : [])
  if (!features.includes(UNMASK_FEATURE)) return maskedView
  if (!ctx || !audited.has(ctx)) {
    if (ctx) audited.add(ctx)
    await recordAudit(ctx, { action: 'unmask', outcome: 'success', target: options.target ?? null, status: 200 })
  }
  return fullView
}
