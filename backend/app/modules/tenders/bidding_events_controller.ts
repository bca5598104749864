import type { HttpContext } from '@adonisjs/core/http'
import TenderProgressService from '#modules/tenders/tender_progress_service'
import { biddingEventValidator } from '#modules/tenders/tender_validator'
import { biddingConfig } from '#modules/tenders/bidding_config'
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '#modules/tenders/bidding_signature'
import clock from '#services/clock'
import { errors as vineErrors } from '@vinejs/vine'
import { DateTime } from 'luxon'
import { TENDER_STAGES } from '@szpm/core'

const UNAUTHORIZED = {
  missing: '缺少签名或时间戳',
  timestamp: '时间戳格式有误',
  skew: '请求时间戳超出允许范围，请校准时钟后重试',
  signature: '签名校验失败',
} as const

/**
 * The bidding platform's inbound stages (no session): signature first (401), then the body (422), then
 * the filing (404) and the stage rules (409 / 422). 201 for a new event, 200 for one seen before.
 */
export default class BiddingEventsController {
  #service = new TenderProgressService()

  async store({ request, response }: HttpContext) {
    const config = biddingConfig()
    const problem = verifySignature({
      secret: config.secret,
      timestamp: request.header(TIMESTAMP_HEADER),
      signature: request.header(SIGNATURE_HEADER),
      rawBody: request.raw() ?? '',
      nowSeconds: Math.floor(clock.now().toMillis() / 1000),
      windowSeconds: config.windowSeconds,
    })
    if (problem) return response.status(401).send({ errors: [{ message: UNAUTHORIZED[problem], rule: problem }] })
    const input = await request.validateUsing(biddingEventValidator)
    // Luxon refuses impossible dates (2026-02-31) that Date would roll over into March
    const parsed = DateTime.fromISO(input.occurred_at, { setZone: true })
    const occurredAt = parsed.toJSDate()
    if (!parsed.isValid) {
      throw new vineErrors.E_VALIDATION_ERROR([{ field: 'occurred_at', message: '发生时间不是有效的时间', rule: 'date' }])
    }
    const result = await this.#service.ingest({ ...input, occurred_at: occurredAt }, request.body())
    response.status(result.outcome === 'created' ? 201 : 200)
    return {
      data: { eventId: input.event_id, filingNo: input.filing_no, stage: result.stage, stageName: TENDER_STAGES[result.stage], late: result.late, duplicate: result.outcome === 'duplicate' },
      meta: {},
    }
  }
}
