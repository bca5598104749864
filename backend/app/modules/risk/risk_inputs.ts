/**
 * Every estate's risk inputs as of a day, in ONE set-based query over the other modules' tables (no
 * per-estate query): 备案情况's `estate_filing_states_on`, 共有资金情况's `common_fund_estates_on`, the
 * open disputes (纠纷化解台账), the last finished 街道社区评价, the managing 物业企业's counting credit
 * records (信用信息, scored by its own rule) and 从业人员信息's last confirmation.
 *
 * 安全检查: the problems found on its checklists and not rectified yet (an estate never a target of a
 * task has no input: 无数据).
 */
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { RiskInputs } from '@szpm/core'
import commonFundsConfig from '#config/common_funds'
import { creditGrade, creditScoreOf } from '#modules/credit/credit_rules'

export interface EstateRiskInputs {
  estateId: number
  streetId: number
  estateName: string
  inputs: RiskInputs
}

const INPUTS_SQL = `
WITH p AS (SELECT ?::date AS as_of, ?::integer AS open_days),
f AS (
  SELECT estate_id, contract_status, contract_filing_id, assembly_status, assembly_filing_id FROM estate_filing_states_on((SELECT as_of FROM p))
), cf AS (
  SELECT estate_id, overdue FROM common_fund_estates_on((SELECT as_of FROM p), (SELECT open_days FROM p))
), d AS (
  SELECT estate_id, count(*)::int AS open, min(reported_on) AS oldest_on, (array_agg(id ORDER BY reported_on, id))[1] AS oldest_id
    FROM disputes WHERE state <> 'closed' AND reported_on <= (SELECT as_of FROM p) GROUP BY estate_id
), ev AS (
  SELECT DISTINCT ON (estate_id) estate_id, id, final_score FROM evaluations
   WHERE final_score IS NOT NULL ORDER BY estate_id, year DESC, half DESC, id DESC
), cr AS (
  SELECT s.id AS subject_id, pc.name AS company_name,
         count(r.id) FILTER (WHERE r.polarity = 'good')::int AS good,
         count(r.id) FILTER (WHERE r.polarity = 'bad' AND coalesce(r.severity, 'minor') = 'minor')::int AS minor,
         count(r.id) FILTER (WHERE r.polarity = 'bad' AND r.severity = 'serious')::int AS serious,
         count(r.id) FILTER (WHERE r.polarity = 'bad' AND r.severity = 'grave')::int AS grave
    FROM credit_subjects s JOIN property_companies pc ON pc.id = s.company_id
    LEFT JOIN credit_records r ON r.subject_id = s.id AND r.decided_on <= (SELECT as_of FROM p) AND r.valid_until >= (SELECT as_of FROM p)
   WHERE s.kind = 'company' GROUP BY s.id, pc.name
), ins AS (
  SELECT t.estate_id, count(a.id) FILTER (WHERE a.result = 'problem' AND NOT a.rectified)::int AS unrectified
    FROM inspection_targets t LEFT JOIN inspection_answers a ON a.target_id = t.id GROUP BY t.estate_id
)
SELECT e.id AS estate_id, e.street_id, e.name AS estate_name,
       f.contract_status, f.contract_filing_id, f.assembly_status, f.assembly_filing_id,
       cf.overdue AS fund_overdue, (cf.estate_id IS NOT NULL) AS fund_known,
       coalesce(d.open, 0) AS disputes_open, ((SELECT as_of FROM p) - d.oldest_on) AS disputes_oldest_days, d.oldest_id AS disputes_oldest_id,
       ev.id AS evaluation_id, ev.final_score AS evaluation_score,
       cr.subject_id AS credit_subject_id, cr.good AS credit_good, cr.minor AS credit_minor, cr.serious AS credit_serious, cr.grave AS credit_grave,
       CASE WHEN EXISTS (SELECT 1 FROM practitioners pr WHERE pr.estate_id = e.id)
            THEN (SELECT as_of FROM p) - (sc.confirmed_at AT TIME ZONE 'Asia/Shanghai')::date END AS staff_days,
       ins.unrectified AS inspections_unrectified
  FROM estates e
  LEFT JOIN f ON f.estate_id = e.id
  LEFT JOIN cf ON cf.estate_id = e.id
  LEFT JOIN d ON d.estate_id = e.id
  LEFT JOIN ev ON ev.estate_id = e.id
  LEFT JOIN cr ON cr.company_name = e.company_name
  LEFT JOIN estate_staff_confirmations sc ON sc.estate_id = e.id
  LEFT JOIN ins ON ins.estate_id = e.id
 ORDER BY e.id`

const num = (value: unknown) => (value === null || value === undefined ? null : Number(value))

export function inputsOf(row: Record<string, any>): RiskInputs {
  const contract = row.contract_status === 'filed' || row.contract_status === 'expired' ? row.contract_status : 'missing'
  const creditScore = row.credit_subject_id
    ? creditScoreOf({ good: Number(row.credit_good), minor: Number(row.credit_minor), serious: Number(row.credit_serious), grave: Number(row.credit_grave) })
    : null
  return {
    contract_filing: { status: contract, filingId: num(row.contract_filing_id) },
    assembly_filing: { filed: row.assembly_status === 'filed', filingId: num(row.assembly_filing_id) },
    common_fund_overdue: row.fund_known ? { overdue: Boolean(row.fund_overdue) } : null,
    open_disputes: { open: Number(row.disputes_open), oldestAgeDays: num(row.disputes_oldest_days), oldestId: num(row.disputes_oldest_id) },
    evaluation_score: row.evaluation_id ? { score: Number(row.evaluation_score), evaluationId: Number(row.evaluation_id) } : null,
    credit_grade: creditScore === null ? null : { score: creditScore, grade: creditGrade(creditScore), subjectId: Number(row.credit_subject_id) },
    staff_stale: { days: num(row.staff_days) },
    inspections_unrectified: row.inspections_unrectified === null || row.inspections_unrectified === undefined ? null : { count: Number(row.inspections_unrectified) },
  }
}

/** the inputs query with pg's $1 / $2 placeholders (the generators' plain pg client) */
export const RISK_INPUTS_SQL_PG = INPUTS_SQL.replace('?::date', '$1::date').replace('?::integer', '$2::integer')

/** every estate's inputs as of `asOf` (YYYY-MM-DD, Asia/Shanghai) */
export async function loadRiskInputs(asOf: string, client: QueryClientContract = db.connection()): Promise<EstateRiskInputs[]> {
  const result = await client.rawQuery(INPUTS_SQL, [asOf, commonFundsConfig.openDays])
  return riskInputRows(result.rows)
}

/** the query's rows as inputs */
export function riskInputRows(rows: Record<string, any>[]): EstateRiskInputs[] {
  return rows.map((row: Record<string, any>) => ({
    estateId: Number(row.estate_id),
    streetId: Number(row.street_id),
    estateName: String(row.estate_name),
    inputs: inputsOf(row),
  }))
}
