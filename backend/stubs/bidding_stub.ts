/*
| A local stand-in for the bidding platform (招标投标交易平台) on the demo: it reports the stages of
| approved 招标文件备案 to this platform's inbound API, signed as the real platform signs them
| (backend/app/modules/tenders/bidding_signature.ts, docs/tenders.md → 招标投标进度查询):
|
|   POST <platform>/api/v1/integrations/bidding/events
|     X-Bidding-Timestamp: <unix seconds>   X-Bidding-Signature: sha256=<HMAC-SHA256(secret, "<ts>.<body>")>
|     { event_id, filing_no, stage, occurred_at, note }
|
| Over time: every `stepSeconds` (default 60) it reads the approved filings (the demo's stand-in for the
| platform's own project list: PostgreSQL, DATABASE_URL) and moves up to `perTick` of them one stage on
| (发布公告 → 报名 → 开标 → 评标 → 定标 → 中标公示). Event ids are `<filing_no>:<stage>`, so a restart that
| sends a stage again is a harmless duplicate (200).
|
| Helpers:
|   POST /__replay?filing_no=ZBBA-2026-000001   every stage of one filing now, in order
|   POST /__tick                                one step now
|   GET  /__sent                                what was sent and the platform's answers (last 200)
|
| Plain node:http + pg and erasable TypeScript: `node backend/stubs/bidding_stub.ts` works without a loader.
*/
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { signBody } from '../app/modules/tenders/bidding_signature.ts'

export const BIDDING_STAGES = ['announcement', 'registration', 'opening', 'evaluation', 'award', 'publicity'] as const
export type BiddingStage = (typeof BIDDING_STAGES)[number]
const NOTES: Record<BiddingStage, string> = {
  announcement: '招标公告已在交易平台发布（演示数据）',
  registration: '投标报名截止（演示数据）',
  opening: '开标会议已举行（演示数据）',
  evaluation: '评标委员会完成评审（演示数据）',
  award: '招标人确定中标人（演示数据）',
  publicity: '中标结果公示（演示数据）',
}

export interface SentEvent {
  eventId: string
  filingNo: string
  stage: BiddingStage
  status: number
  answer: unknown
}

/** signs and POSTs one stage to the platform; answers the HTTP status and body */
export async function sendStage(options: { platformUrl: string; secret: string; filingNo: string; stage: BiddingStage; occurredAt?: Date; eventId?: string; note?: string }): Promise<SentEvent> {
  const eventId = options.eventId ?? `${options.filingNo}:${options.stage}`
  const body = JSON.stringify({
    event_id: eventId, filing_no: options.filingNo, stage: options.stage,
    occurred_at: (options.occurredAt ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'), note: options.note ?? NOTES[options.stage],
  })
  const timestamp = Math.floor(Date.now() / 1000)
  const response = await fetch(`${options.platformUrl.replace(/\/+$/, '')}/api/v1/integrations/bidding/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-bidding-timestamp': String(timestamp), 'x-bidding-signature': signBody(options.secret, timestamp, body) },
    body,
    signal: AbortSignal.timeout(10_000),
  })
  const answer = await response.json().catch(() => null)
  return { eventId, filingNo: options.filingNo, stage: options.stage, status: response.status, answer }
}

/** every stage of one filing, in order, a second apart from now (stops at the first refusal other than 409) */
export async function replayFiling(options: { platformUrl: string; secret: string; filingNo: string; from?: Date }): Promise<SentEvent[]> {
  const start = (options.from ?? new Date()).getTime()
  const sent: SentEvent[] = []
  for (const [index, stage] of BIDDING_STAGES.entries()) {
    const result = await sendStage({ ...options, stage, occurredAt: new Date(start + index * 1000) })
    sent.push(result)
    if (result.status >= 400 && result.status !== 409) break
  }
  return sent
}

export interface BiddingStubOptions {
  port?: number
  host?: string
  /** the platform's base URL (APP_URL) */
  platformUrl: string
  secret: string
  /** the approved filing numbers to report on (the demo reads PostgreSQL) */
  approvedFilings: () => Promise<string[]>
  /** seconds between steps; 0 = only on /__tick */
  stepSeconds?: number
  /** filings moved one stage on per step */
  perTick?: number
}

export interface BiddingStub {
  url: string
  tick(): Promise<SentEvent[]>
  sent(): SentEvent[]
  close(): Promise<void>
}

export async function startBiddingStub(options: BiddingStubOptions): Promise<BiddingStub> {
  const reached = new Map<string, number>()
  let log: SentEvent[] = []
  const remember = (events: SentEvent[]) => {
    log = [...log, ...events].slice(-200)
  }

  async function tick(): Promise<SentEvent[]> {
    const filings = await options.approvedFilings()
    const due = filings.filter((no) => (reached.get(no) ?? -1) < BIDDING_STAGES.length - 1).slice(0, options.perTick ?? 10)
    const events: SentEvent[] = []
    for (const filingNo of due) {
      const next = (reached.get(filingNo) ?? -1) + 1
      const result = await sendStage({ platformUrl: options.platformUrl, secret: options.secret, filingNo, stage: BIDDING_STAGES[next] })
      events.push(result)
      // 201 new, 200 already there, 409 reported before under another id: either way this stage is done
      if (result.status < 300 || result.status === 409) reached.set(filingNo, next)
    }
    remember(events)
    return events
  }

  let running = false
  const timer = options.stepSeconds
    ? setInterval(() => {
      if (running) return
      running = true
      tick().catch((error) => console.warn(`[bidding stub] ${error.message}`)).finally(() => (running = false))
    }, options.stepSeconds * 1000)
    : null

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub')
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
      res.end(JSON.stringify(body))
    }
    try {
      if (url.pathname === '/__sent') return send(200, log)
      if (url.pathname === '/__tick' && req.method === 'POST') return send(200, await tick())
      if (url.pathname === '/__replay' && req.method === 'POST') {
        const filingNo = url.searchParams.get('filing_no') ?? ''
        if (!filingNo) return send(400, { error: 'filing_no is required' })
        const events = await replayFiling({ platformUrl: options.platformUrl, secret: options.secret, filingNo })
        remember(events)
        reached.set(filingNo, BIDDING_STAGES.length - 1)
        return send(200, events)
      }
      return send(404, { error: `no such path ${url.pathname}` })
    } catch (error) {
      return send(502, { error: (error as Error).message })
    }
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve))
  const address = server.address() as AddressInfo
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${address.port}`,
    tick,
    sent: () => [...log],
    close: () => new Promise<void>((resolve) => {
      if (timer) clearInterval(timer)
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}

/** the demo's list of approved filings, oldest decision first (PostgreSQL through DATABASE_URL) */
export async function approvedFilingsFromDatabase(databaseUrl: string): Promise<() => Promise<string[]>> {
  const { default: pg } = await import('pg')
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 })
  return async () => (await pool.query(`SELECT filing_no FROM tenders WHERE state = 'approved' ORDER BY decided_at, id LIMIT 500`)).rows.map((row) => row.filing_no as string)
}

// `node backend/stubs/bidding_stub.ts` on its own
if (import.meta.url === `file://${process.argv[1]}`) {
  const stub = await startBiddingStub({
    port: Number(process.env.BIDDING_STUB_PORT ?? 3393),
    platformUrl: process.env.APP_URL ?? 'http://127.0.0.1:3333',
    secret: process.env.BIDDING_WEBHOOK_SECRET ?? 'szpm-dev-bidding-secret',
    approvedFilings: await approvedFilingsFromDatabase(process.env.DATABASE_URL ?? ''),
    stepSeconds: Number(process.env.BIDDING_STUB_STEP_SECONDS ?? 60),
  })
  console.log(`Bidding platform stub ${stub.url}`)
}
