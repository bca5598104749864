import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { VOTING_CHOICES } from '@szpm/core'
import type { PaperBallotEntry } from '@szpm/core/api'
import { describeExport } from '#services/audit'
import { excelTime, streamExcel, type ExcelColumn } from '#services/excel_export'
import { NotFoundInScope } from '#services/region_scope'
import BallotService from '#modules/voting/ballot_service'
import MeetingService from '#modules/voting/meeting_service'
import { readScan, readScanMeta, scanFor, storeScan } from '#modules/voting/paper_scans'
import { paperBallotValidator } from '#modules/voting/voting_validator'

/**
 * 纸质选票 (`voting_paper_scans.*`, `voting_paper_ballots.*`): the meeting's convener — the committee's
 * director, or the street for a 居代业 meeting — uploads a paper ballot's scan, enters the house's
 * choices with it, reads the entry log and opens a scan. Anyone else: 404.
 */
export default class PaperBallotsController {
  #meetings = new MeetingService()
  #ballots = new BallotService()

  async upload(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    const meeting = await this.#meetings.convened(user, Number(ctx.params.id))
    const scan = await storeScan(ctx, user.id, meeting.id)
    ctx.response.status(201)
    return { data: { token: scan.token, fileName: scan.fileName, sizeBytes: scan.sizeBytes }, meta: {} }
  }

  async store({ request, params, auth, response }: HttpContext) {
    const user = auth.getUserOrFail()
    const meeting = await this.#meetings.convened(user, Number(params.id))
    const input = await request.validateUsing(paperBallotValidator)
    const scan = await scanFor(input.scan_token, user.id, meeting.id)
    const result = await this.#ballots.castPaper(user.id, {
      meetingId: meeting.id, houseId: input.house_id, scanPath: scan.key, requestId: input.request_id,
      choices: input.choices.map((c) => ({ topicId: c.topic_id, choice: c.choice })),
    })
    const body = {
      data: { replayed: result.replayed, ballots: result.ballots.map((b) => ({ topicId: b.topicId, ballotId: b.ballotId, choice: b.choice })) },
      meta: { replayed: result.replayed },
    }
    return result.replayed ? body : response.created(body)
  }

  /** the entry log of the meeting's paper ballots, newest first: house, who entered it, when, choices (and whether each still stands) */
  async index({ params, auth }: HttpContext) {
    const meeting = await this.#meetings.convened(auth.getUserOrFail(), Number(params.id))
    return { data: await paperEntries(meeting.id), meta: {} }
  }

  /**
   * 导出 the entry log (.xlsx), newest first: the house, one column per topic (the choice, 已被替换 when a
   * later ballot of the house replaced it, empty when the entry did not answer the topic), who entered it,
   * when, and the scan's file name. The convener only (else 404); the audit log's `export` row names the meeting.
   */
  async export(ctx: HttpContext) {
    const meeting = await this.#meetings.convened(ctx.auth.getUserOrFail(), Number(ctx.params.id))
    const [entries, topics, scans] = await Promise.all([
      paperEntries(meeting.id),
      db.from('voting_topics').where('meeting_id', meeting.id).orderBy('seq').select('id', 'seq', 'title'),
      db.from('voting_ballots as b').join('voting_topics as t', 't.id', 'b.topic_id')
        .where('t.meeting_id', meeting.id).where('b.channel', 'paper').select('b.id', 'b.scan_path'),
    ])
    const scanPaths = new Map(scans.map((row) => [Number(row.id), row.scan_path as string | null]))
    const scanNames = new Map<string, string>()
    for (const path of new Set(scanPaths.values())) {
      if (!path) continue
      try {
        scanNames.set(path, (await readScanMeta(path)).fileName)
      } catch {
        scanNames.set(path, '')
      }
    }
    const columns: ExcelColumn<PaperBallotEntry>[] = [
      { header: '房屋', width: 20, value: (entry) => entry.houseName },
      ...topics.map((topic): ExcelColumn<PaperBallotEntry> => ({
        header: `议题${topic.seq}：${topic.title}`,
        width: 24,
        value: (entry) => {
          const choice = entry.choices.find((c) => c.topicId === Number(topic.id))
          if (!choice) return '未填写'
          return choice.standing ? choice.choiceName : `${choice.choiceName}（已被替换）`
        },
      })),
      { header: '录入人', width: 14, value: (entry) => entry.enteredBy },
      { header: '录入时间', width: 20, value: (entry) => excelTime(entry.enteredAt) },
      { header: '扫描件', width: 28, value: (entry) => scanNames.get(scanPaths.get(entry.scanBallotId) ?? '') ?? '' },
    ]
    describeExport(ctx, { meeting_id: meeting.id, entries: entries.length })
    await streamExcel(ctx, `纸质选票录入记录-${meeting.id}`, '纸质选票录入记录', columns, entries)
  }

  /** the houses of the meeting's estate, for the entry form (a house nobody is registered for cannot vote) */
  async houses({ params, auth }: HttpContext) {
    const meeting = await this.#meetings.convened(auth.getUserOrFail(), Number(params.id))
    const rows = await db.from('houses').where('estate_id', meeting.estateId).orderBy(['building', 'unit', 'number', 'id'])
      .select('id', 'building', 'unit', 'number', 'owner_id')
    return {
      data: rows.map((h) => ({ id: Number(h.id), name: `${h.building}栋${h.unit}单元${h.number}`, registered: h.owner_id !== null })),
      meta: {},
    }
  }

  /** the scan of a paper ballot, for its meeting's convener; audited as a file leaving the platform */
  async download(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    const ballot = await db.from('voting_ballots as b').join('voting_topics as t', 't.id', 'b.topic_id')
      .where('b.id', Number(ctx.params.id)).where('b.channel', 'paper').select('t.meeting_id', 'b.scan_path').first()
    if (!ballot) throw new NotFoundInScope()
    await this.#meetings.convened(user, Number(ballot.meeting_id))
    const { scan, content } = await readScan(ballot.scan_path)
    describeExport(ctx, { ballot_id: Number(ctx.params.id), file_name: scan.fileName, size_bytes: scan.sizeBytes })
    ctx.response.header('Content-Type', scan.contentType)
    ctx.response.header('Content-Disposition', `inline; filename="scan"; filename*=UTF-8''${encodeURIComponent(scan.fileName)}`)
    ctx.response.header('X-Content-Type-Options', 'nosniff')
    return ctx.response.send(Buffer.from(content))
  }
}

/** the paper-ballot entries of a meeting, newest first (one per request id: the house's choices of one entry) */
async function paperEntries(meetingId: number): Promise<PaperBallotEntry[]> {
  const rows = await db.from('voting_ballots as b')
    .join('voting_topics as t', 't.id', 'b.topic_id').join('houses as h', 'h.id', 'b.house_id').join('users as u', 'u.id', 'b.user_id')
    .leftJoin('voting_standing_ballots as s', 's.ballot_id', 'b.id')
    .where('t.meeting_id', meetingId).where('b.channel', 'paper')
    .orderBy('b.id', 'desc')
    .select('b.id', 'b.request_id', 'b.house_id', 'h.building', 'h.unit', 'h.number', 'u.name as entered_by', 'b.cast_at', 'b.topic_id', 't.seq', 'b.choice', 's.ballot_id as standing')
  const entries = new Map<string, PaperBallotEntry>()
  for (const row of rows) {
    let entry = entries.get(row.request_id)
    if (!entry) {
      entry = {
        requestId: row.request_id, houseId: Number(row.house_id), houseName: `${row.building}栋${row.unit}单元${row.number}`,
        enteredBy: row.entered_by, enteredAt: new Date(row.cast_at).toISOString(), scanBallotId: Number(row.id), choices: [],
      }
      entries.set(row.request_id, entry)
    }
    entry.choices.push({
      topicId: Number(row.topic_id), seq: row.seq, choice: row.choice, choiceName: VOTING_CHOICES[row.choice as keyof typeof VOTING_CHOICES],
      standing: row.standing !== null,
    })
  }
  for (const entry of entries.values()) entry.choices.sort((a, b) => a.seq - b.seq)
  return [...entries.values()]
}
