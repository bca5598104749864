import db from '@adonisjs/lucid/services/db'
import clock from '#services/clock'
import { CREDIT_SUBJECT_KINDS, type CreditSubjectDetail, type CreditSubjectQuery, type CreditSubjectKind, type CreditSubjectRow, type CreditIndicator } from '@szpm/core'
import type Region from '#models/region'
import { NotFoundInScope } from '#services/region_scope'
import type { PersonalDataView } from '#services/masking'
import { creditGrade, creditScore, creditScoreOf } from '#modules/credit/credit_rules'
import { subjectKeyword } from '#modules/credit/credit_record_query'
import { subjectCode, transformCreditRecord } from '#modules/credit/credit_transformer'
import type { CreditAttachment } from '@szpm/core'

/** what a page shows of a record's attachments (credit_records.attachments; never the storage key) */
export function publicAttachments(stored: { id: number; fileName: string; sizeBytes: number }[] | null | undefined): CreditAttachment[] {
  return (stored ?? []).map((file) => ({ id: file.id, fileName: file.fileName, sizeBytes: file.sizeBytes }))
}

/** 信用主体查询's filters (the API client's query without region and paging; dates YYYY-MM-DD) */
export type CreditSubjectFilters = Omit<CreditSubjectQuery, 'region_id' | 'page' | 'per_page'>

/**
 * The subjects a region sees (domain-rules §9): a person belongs to their estate's region; a company
 * to its seat (a district or street) and to the regions of the estates it manages
 * (`estates.company_name`). The city sees every subject.
 */
function whereSubjectInRegion(query: any, region: Region) {
  if (region.level === 'city') return query
  const column = `${region.level}_id`
  return query.where((inner: any) => {
    inner
      .where((person: any) => person.whereNot('cs.kind', 'company').where(`se.${column}`, region.id))
      .orWhere((company: any) => {
        company.where('cs.kind', 'company').where((seat: any) => {
          seat.where('pc.seat_region_id', region.id)
          if (region.level === 'district') seat.orWhere('seat.district_id', region.id)
          seat.orWhereExists((managed: any) => managed.from('estates as me').whereRaw('me.company_name = pc.name').where(`me.${column}`, region.id))
        })
      })
  })
}

/** the subjects of a region with the filters, without the figures (the count and the page's base) */
function subjectBase(region: Region, filters: CreditSubjectFilters) {
  const query = db
    .from('credit_subjects as cs')
    .leftJoin('property_companies as pc', 'pc.id', 'cs.company_id')
    .leftJoin('regions as seat', 'seat.id', 'pc.seat_region_id')
    .leftJoin('estates as se', 'se.id', 'cs.estate_id')
  whereSubjectInRegion(query, region)
  if (filters.subject_kind) query.where('cs.kind', filters.subject_kind)
  if (filters.polarity || filters.from || filters.to) {
    query.whereExists((records) => {
      records.from('credit_records as fr').whereRaw('fr.subject_id = cs.id').whereNull('fr.deleted_at')
      if (filters.polarity) records.where('fr.polarity', filters.polarity)
      if (filters.from) records.where('fr.decided_on', '>=', filters.from)
      if (filters.to) records.where('fr.decided_on', '<=', filters.to)
    })
  }
  if (filters.q) subjectKeyword(query, filters.q)
  return query
}

/** the base with each subject's figures: records (counting by weight, expired) and a company's estates and area */
function withFigures(query: ReturnType<typeof subjectBase>, asOf: string) {
  return query
    .leftJoin('regions as sst', 'sst.id', 'se.street_id')
    .leftJoin('regions as sco', 'sco.id', 'se.community_id')
    .joinRaw(
      `left join lateral (
        select count(*)::int as records,
          count(*) filter (where r.valid_until < ?)::int as expired_records,
          count(*) filter (where r.polarity = 'good' and r.decided_on <= ? and r.valid_until >= ?)::int as good_records,
          count(*) filter (where r.polarity = 'bad' and r.severity = 'minor' and r.decided_on <= ? and r.valid_until >= ?)::int as minor_records,
          count(*) filter (where r.polarity = 'bad' and r.severity = 'serious' and r.decided_on <= ? and r.valid_until >= ?)::int as serious_records,
          count(*) filter (where r.polarity = 'bad' and r.severity = 'grave' and r.decided_on <= ? and r.valid_until >= ?)::int as grave_records
        from credit_records r where r.subject_id = cs.id and r.deleted_at is null
      ) rc on true`,
      [asOf, asOf, asOf, asOf, asOf, asOf, asOf, asOf, asOf]
    )
    .joinRaw(
      `left join lateral (
        select count(*)::int as estates, coalesce(sum(x.building_area), 0)::numeric(16, 2)::text as managed_area
        from estates x where cs.kind = 'company' and x.company_name = pc.name
      ) ce on true`
    )
    .select(
      'cs.id', 'cs.kind', 'cs.name', 'cs.id_number', 'cs.estate_id', 'pc.credit_code', 'seat.name as seat_name',
      'se.name as estate_name', 'sst.name as street_name', 'sco.name as community_name',
      'rc.records', 'rc.expired_records', 'rc.good_records', 'rc.minor_records', 'rc.serious_records', 'rc.grave_records', 'ce.estates', 'ce.managed_area'
    )
}

function transformSubject(row: Record<string, any>, personal: PersonalDataView): CreditSubjectRow {
  const company = row.kind === 'company'
  const counts = { good: row.good_records, minor: row.minor_records, serious: row.serious_records, grave: row.grave_records }
  const score = company ? creditScoreOf(counts) : null
  return {
    id: Number(row.id),
    kind: row.kind as CreditSubjectKind,
    kindName: CREDIT_SUBJECT_KINDS[row.kind as CreditSubjectKind] ?? row.kind,
    name: row.name,
    code: subjectCode(row, personal),
    estateId: row.estate_id === null ? null : Number(row.estate_id),
    placeName: company ? (row.seat_name ?? '') : [row.street_name, row.community_name, row.estate_name].filter(Boolean).join(' · '),
    estates: company ? row.estates : null,
    managedArea: company ? row.managed_area : null,
    records: row.records,
    goodRecords: row.good_records,
    badRecords: row.minor_records + row.serious_records + row.grave_records,
    expiredRecords: row.expired_records,
    score,
    grade: score === null ? null : creditGrade(score),
  }
}

/** 信用主体查询: a page of the region's subjects, by record totals or 在管面积 (largest first) */
export async function creditSubjectPage(region: Region, filters: CreditSubjectFilters, page: { page: number; perPage: number }, asOf: string, personal: PersonalDataView) {
  const [{ total }] = await subjectBase(region, filters).count('* as total')
  const query = withFigures(subjectBase(region, filters), asOf)
  if (filters.sort === 'area') query.orderByRaw("(cs.kind = 'company') desc, ce.managed_area::numeric desc, ce.estates desc")
  query.orderBy('rc.records', 'desc').orderBy('cs.id')
  const rows = await query.limit(page.perPage).offset((page.page - 1) * page.perPage)
  return { rows: rows.map((row) => transformSubject(row, personal)), total: Number(total) }
}

/** the subject if the region sees it (its kind, estate and company's name), else a 404 */
export async function findSubjectInScope(region: Region, id: number): Promise<{ kind: CreditSubjectKind; estate_id: number | null; company_name: string | null }> {
  const row = await subjectBase(region, {}).where('cs.id', id).select('cs.kind', 'cs.estate_id', 'pc.name as company_name').first()
  if (!row) throw new NotFoundInScope()
  return row
}

const rate = (part: number, base: number) => (base > 0 ? `${((part * 100) / base).toFixed(2)}%` : '-')

/**
 * A 物业企业's indicators from the modules that exist, over the estates it manages: 在管面积 (项目管理),
 * 共有资金账户 (共有资金情况: 基本账户 of its estates), 人员培训情况 (宣传培训: completed learning records of its
 * practitioners), 信息公开率 (信息公开: its estates with an announcement published in the last twelve months),
 * 通知公告响应率 (通知发布: receipts of its estates read), 安全检查情况 (安全检查: its estates' checklists filled in, problems found and rectified) and 评价反馈率
 * (街道社区评价: evaluations of its estates submitted). Rates at two decimals, '-' when the base is 0.
 */
async function companyIndicators(name: string, subject: CreditSubjectRow): Promise<CreditIndicator[]> {
  const estates = db.from('estates').where('company_name', name).select('id')
  const [funds] = await db.from('common_fund_accounts').whereIn('estate_id', estates.clone()).count('* as accounts').countDistinct({ basic: db.raw("case when kind = 'basic' then estate_id end") })
  const [learning] = await db
    .from('learning_records as l')
    .join('practitioners as p', 'p.id', 'l.practitioner_id')
    .where('p.company_name', name)
    .count('* as enrolled')
    .select(db.raw('count(l.completed_at)::int as completed'))
  const [notices] = await db.from('notice_receipts').whereIn('estate_id', estates.clone()).count('* as receipts').select(db.raw('count(read_at)::int as read'))
  const [evaluations] = await db.from('evaluations').whereIn('estate_id', estates.clone()).count('* as total').select(db.raw('count(submitted_at)::int as submitted'))
  // 信息公开率: its estates with an announcement published (in force, not voided) in the last twelve months
  const [disclosed] = await db
    .from('disclosures')
    .whereIn('estate_id', estates.clone())
    .where('state', 'published')
    .where('published_at', '>=', clock.now().minus({ months: 12 }).toJSDate())
    .countDistinct('estate_id as estates')
  // 安全检查情况: its estates' checklists of the bureaus' tasks — filled in, problems found and rectified
  const [inspected] = await db
    .from('inspection_targets as t')
    .whereIn('t.estate_id', estates.clone())
    .count('* as targets')
    .select(
      db.raw(`count(*) filter (where t.state <> 'pending')::int as completed`),
      db.raw(`(select count(*) from inspection_answers a join inspection_targets x on x.id = a.target_id where a.result = 'problem' and x.estate_id in (select id from estates where company_name = ?))::int as problems`, [name]),
      db.raw(`(select count(*) from inspection_answers a join inspection_targets x on x.id = a.target_id where a.result = 'problem' and a.rectified and x.estate_id in (select id from estates where company_name = ?))::int as rectified`, [name])
    )
  const safety = Number(inspected.targets) > 0
    ? `完成率 ${rate(Number(inspected.completed), Number(inspected.targets))}（发现问题 ${Number(inspected.problems)} 个，已整改 ${Number(inspected.rectified)} 个）`
    : '-'
  return [
    { key: 'managedArea', label: '在管面积', value: `${subject.managedArea ?? '0.00'}㎡（${subject.estates ?? 0}个项目）` },
    { key: 'commonFundAccounts', label: '共有资金账户', value: `${Number(funds.accounts)}个（基本账户开户率 ${rate(Number(funds.basic), subject.estates ?? 0)}）` },
    { key: 'disclosureRate', label: '信息公开率', value: rate(Number(disclosed.estates), subject.estates ?? 0) },
    { key: 'training', label: '人员培训情况', value: rate(Number(learning.completed), Number(learning.enrolled)) },
    { key: 'noticeResponse', label: '通知公告响应率', value: rate(Number(notices.read), Number(notices.receipts)) },
    { key: 'safetyInspections', label: '安全检查情况', value: safety },
    { key: 'evaluationFeedback', label: '评价反馈率', value: rate(Number(evaluations.submitted), Number(evaluations.total)) },
  ]
}

/** the estates a company manages in the region, by name (the record entry names one of them) */
async function managedEstates(name: string, region: Region) {
  const query = db.from('estates').where('company_name', name).select('id', 'name').orderBy('name').orderBy('id').limit(500)
  if (region.level !== 'city') query.where(`${region.level}_id`, region.id)
  return (await query).map((estate) => ({ id: Number(estate.id), name: String(estate.name) }))
}

/** 信用主体详情: the subject (404 outside the region), its records (newest first, 已过期 shown) and a company's score and indicators */
export async function creditSubjectDetail(region: Region, id: number, asOf: string, personal: PersonalDataView): Promise<CreditSubjectDetail> {
  const row = await withFigures(subjectBase(region, {}), asOf).where('cs.id', id).first()
  if (!row) throw new NotFoundInScope()
  const subject = transformSubject(row, personal)
  const recordRows = await db
    .from('credit_records as r')
    .join('estates as e', 'e.id', 'r.estate_id')
    .join('credit_subjects as cs', 'cs.id', 'r.subject_id')
    .leftJoin('property_companies as pc', 'pc.id', 'cs.company_id')
    .leftJoin('regions as d', 'd.id', 'e.district_id')
    .leftJoin('regions as s', 's.id', 'e.street_id')
    .leftJoin('regions as c', 'c.id', 'e.community_id')
    .where('r.subject_id', id)
    .whereNull('r.deleted_at')
    .select(
      'r.id', 'r.estate_id', 'e.name as estate_name', 'r.subject_id', 'cs.name as subject_name', 'cs.kind as subject_kind', 'cs.id_number', 'pc.credit_code',
      'r.polarity', 'r.category', 'r.severity', 'r.source', 'r.document_no', 'r.attachments', 'r.version',
      db.raw(`to_char(r.decided_on, 'YYYY-MM-DD') as decided_on`),
      db.raw(`to_char(r.valid_until, 'YYYY-MM-DD') as valid_until`),
      db.raw("coalesce(d.name, '') as district_name"), db.raw("coalesce(s.name, '') as street_name"), db.raw("coalesce(c.name, '') as community_name")
    )
    .orderBy('r.decided_on', 'desc')
    .orderBy('r.id', 'desc')
  const records = recordRows.map((record) => transformCreditRecord(record, asOf, personal))
  const points = subject.kind === 'company'
    ? creditScore(records.map((r, i) => ({ id: r.id, polarity: r.polarity, severity: recordRows[i].severity, decidedOn: r.decidedOn, validUntil: r.validUntil })), asOf).points
    : new Map<number, number>()
  const indicators = subject.kind === 'company' ? await companyIndicators(row.name, subject) : []
  const estates = subject.kind === 'company' ? await managedEstates(row.name, region) : []
  return {
    subject,
    records: records.map((record, i) => ({ ...record, points: points.get(record.id) ?? null, attachments: publicAttachments(recordRows[i].attachments), version: Number(recordRows[i].version) })),
    indicators,
    estates,
  }
}
