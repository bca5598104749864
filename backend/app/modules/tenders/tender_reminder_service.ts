import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import clock from '#services/clock'
import { userFeatures } from '#services/roles'
import { notify } from '#modules/messages/notifier'
import { CALENDAR_MISSING_STEP, tenderProcess } from '#modules/tenders/tender_process'
import { REMIND_ON_WORKING_DAY, WORKING_DAY_ENDS_AT_HOUR } from '#modules/tenders/remind_tenders'
import { roundSla } from '#modules/tenders/tender_sla'
import { publishTenderRounds } from '#modules/tenders/tender_service'

interface OpenTender {
  id: number
  filing_no: string
  title: string
  state: 'first_review' | 'final_review'
  round: number
  reminded_round: number
  round_started_at: Date
  estate_name: string
  street_id: number
}

/** See remind_tenders.ts. */
export default class TenderReminderService {
  async run() {
    const now = clock.now()
    const open = (await db
      .from('tenders as t')
      .join('estates as e', 'e.id', 't.estate_id')
      .whereIn('t.state', ['first_review', 'final_review'])
      .select('t.id', 't.filing_no', 't.title', 't.state', 't.round', 't.reminded_round', 't.round_started_at', 'e.name as estate_name', 'e.street_id')) as OpenTender[]
    let reminded = 0
    let calendarTodos = 0
    const missing = new Map<number, number>()
    for (const tender of open) {
      const sla = await roundSla(tender.round_started_at, null)
      if (sla.workingDays === null) {
        missing.set(tender.id, sla.missingYear!)
        continue
      }
      if (tender.reminded_round >= tender.round) continue
      const due = sla.workingDays > REMIND_ON_WORKING_DAY || (sla.workingDays === REMIND_ON_WORKING_DAY && now.hour >= WORKING_DAY_ENDS_AT_HOUR)
      if (due && (await this.#remind(tender, sla.workingDays))) reminded++
    }
    calendarTodos = await this.#calendarTodos(missing)
    return { reminded, calendarTodos }
  }

  /** one message to every reviewer holding the filing now; marks the round reminded in the same transaction */
  async #remind(tender: OpenTender, workingDays: number) {
    const rule = tenderProcess.states[tender.state].todo!
    const reviewers = (await User.query().where('region_id', tender.street_id).whereIn('role', [...rule.roles]).where('status', 'active'))
      .filter((user) => userFeatures(user).includes(rule.feature))
    return db.transaction(async (trx) => {
      const claimed = await trx.from('tenders').where('id', tender.id).where('round', tender.round).where('reminded_round', '<', tender.round)
        .update({ reminded_round: tender.round }).returning('id')
      if (claimed.length !== 1) return false
      await notify({
        reason: `tenders.remind:${tender.id}:${tender.round}`,
        kind: 'reminder',
        module: 'tenders',
        recipientIds: reviewers.map((user) => user.id),
        title: `招标文件备案待${tender.state === 'first_review' ? '初审' : '终审'}：已进入第${workingDays}个工作日`,
        summary: `${tender.estate_name}「${tender.title}」（${tender.filing_no}）已办理 ${workingDays} 个工作日，超过 5 个工作日即为超期，请及时办理。`,
        subject: { type: 'tender', id: tender.id, page: 'tender-detail' },
        senderId: null,
      }, trx)
      return true
    })
  }

  /**
   * Opens the city admin's to-do for each filing whose count needs an unknown year (one open per
   * filing), and closes those whose year has since been published — re-publishing their rounds to the
   * warehouse, whose SLA thresholds were computed without that year (docs/tenders.md).
   */
  async #calendarTodos(missing: Map<number, number>) {
    const city = await db.from('regions').where('level', 'city').select('id').first()
    if (!city) return 0
    const now = clock.now().toJSDate()
    let opened = 0
    await db.transaction(async (trx) => {
      const openRows = await trx.from('todos').where({ process: tenderProcess.name, step: CALENDAR_MISSING_STEP }).whereNull('closed_at').select('subject_id')
      const alreadyOpen = new Set(openRows.map((row) => Number(row.subject_id)))
      const resolved = [...alreadyOpen].filter((id) => !missing.has(id))
      if (resolved.length) {
        await trx.from('todos').where({ process: tenderProcess.name, step: CALENDAR_MISSING_STEP }).whereIn('subject_id', resolved).whereNull('closed_at')
          .update({ closed_at: now, outcome: 'expired' })
        // the year is there now: the warehouse's thresholds of these filings' rounds were computed without it
        await publishTenderRounds(trx, resolved)
      }
      const fresh = [...missing].filter(([id]) => !alreadyOpen.has(id))
      if (fresh.length === 0) return
      const tenders = await trx.from('tenders').whereIn('id', fresh.map(([id]) => id)).select('id', 'filing_no', 'title')
      const byId = new Map(tenders.map((row) => [Number(row.id), row]))
      await trx.table('todos').multiInsert(fresh.map(([id, year]) => ({
        process: tenderProcess.name,
        subject_id: id,
        step: CALENDAR_MISSING_STEP,
        title: `请录入${year}年节假日安排`,
        summary: `招标文件备案 ${byId.get(id)?.filing_no ?? id}「${byId.get(id)?.title ?? ''}」的办理时长需要${year}年的节假日日历，目前显示为「未知」`,
        region_id: city.id,
        roles: ['city_admin'],
        feature: 'calendar.manage',
        due_on: null,
        created_at: now,
      })))
      opened = fresh.length
    })
    return opened
  }
}
