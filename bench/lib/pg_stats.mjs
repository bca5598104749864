/**
 * BENCHMARK ONLY — never used by the platform. The 备案情况, 项目管理 and 街道社区评价 drill-down
 * statistics computed directly from the PostgreSQL source tables, as the baseline the warehouse is
 * compared with (and checked against: the bench aborts when the numbers differ).
 *
 *   estate_filings     → GROUP BY over `estate_filing_states_on(asOf)` (the one definition of state, as of a date)
 *   estate_profiles    → GROUP BY over `estates` (joined to `regions` for the child's name), each estate
 *                        with its houses counted from the house register (HOUSES_OF_ESTATE: an
 *                        index-only scan of houses_estate_totals_index per estate, migration 0012)
 *   estate_evaluations → GROUP BY over `evaluations` of one half-year joined to `estates`, with the
 *                        effective score of backend/app/services/evaluation_periods.ts as of a date
 *   training           → GROUP BY over `estates`, each estate with its practitioners' `learning_records` (宣传培训)
 *   safety             → GROUP BY over one year's `safety_assessments` by their community (平安建设)
 *   common_funds       → GROUP BY over `common_fund_estates_on(asOf, open days)` (共有资金情况: each estate
 *                        with its 业主大会 filing, account, entries and enforcement records, migration 0022)
 *   party_building     → GROUP BY over `estates`, each estate with its 党组织, committee members, 红色物业
 *                        marker and 民意征集 responses (党建园地)
 *   credit             → GROUP BY over `estates` LEFT JOIN `credit_records` (信用信息: one row per record,
 *                        distinct subjects, counting / 已过期 as of a date)
 *   disputes           → GROUP BY over `estates`, each estate with its `disputes` by state and type (纠纷化解统计)
 *   tenders            → GROUP BY over `estates`, each estate with its 招标文件备案 rounds (the ETL's round columns:
 *                        thresholds on the holiday calendar) bucketed as of a date (招标投标统计, TENDERS_OF_ESTATE)
 *   decisions          → GROUP BY over `estates`, each estate with its published / closed meetings' topics
 *                        (stored tallies' or the register's denominators) and its standing ballots with
 *                        each house's area and owner key (业主决策情况, DECISIONS_OF_ESTATE)
 *   disclosures        → GROUP BY over `estates`, each estate with its published / voided announcements
 *                        and whether one was published in the as-of year (信息公开统计, DISCLOSURES_OF_ESTATE)
 *   proxy_governance   → GROUP BY over `estates`, each estate with its 居代业 by state and outcome
 *                        (居代业统计, PROXY_GOVERNANCE_OF_ESTATE)
 *
 * Same query shape as the warehouse: one grouped query for the child level plus one totals query,
 * filtered by the asked region; metric names and shaping as in warehouse/src/cubes and shape.ts.
 */
import { TENDER_NO_DAY, TENDER_ROUND_SELECT } from '@szpm/etl'
const rate = (condition) => `CASE WHEN count(*) = 0 THEN 0 ELSE (count(*) FILTER (WHERE ${condition}))::float8 / count(*) END`
const countIf = (condition) => `count(*) FILTER (WHERE ${condition})`

/** a kind's share of the spaces (车位信息), 0 without spaces */
const share = (column) => `CASE WHEN sum(p.spaces) = 0 THEN 0 ELSE sum(${column})::float8 / sum(p.spaces) END`

/** 信用信息: a record counts on the as-of date ($1): decided on or before it, valid until it or later */
const CREDIT_COUNTS = 'r.decided_on <= $1::date AND r.valid_until >= $1::date'

export const PG_METRICS = {
  estate_filings: {
    estates: 'count(*)',
    contractFiled: countIf(`contract_status = 'filed'`),
    contractExpired: countIf(`contract_status = 'expired'`),
    contractNotFiled: countIf(`contract_status = 'not_filed'`),
    contractRate: rate(`contract_status = 'filed'`),
    assemblyFiled: countIf(`assembly_status = 'filed'`),
    assemblyNotFiled: countIf(`assembly_status = 'not_filed'`),
    assemblyRate: rate(`assembly_status = 'filed'`),
  },
  estate_profiles: {
    estates: 'count(*)',
    residentialEstates: countIf(`e.estate_type = '住宅'`),
    commercialEstates: countIf(`e.estate_type = '商业'`),
    officeEstates: countIf(`e.estate_type = '办公'`),
    mixedEstates: countIf(`e.estate_type = '混合'`),
    houses: 'sum(h.houses)',
    households: 'sum(h.households)',
    buildingArea: 'sum(h.area)',
    companies: `count(DISTINCT e.company_name) FILTER (WHERE coalesce(e.company_name, '') <> '')`,
    withCommittee: countIf('e.has_committee'),
    withoutCommittee: countIf('NOT e.has_committee'),
  },
  // 通知阅读统计: notice_receipts r (one per recipient per estate per notice) joined to its estate e
  notices: {
    recipients: 'count(*)',
    read: countIf('r.read_at IS NOT NULL'),
    unread: countIf('r.read_at IS NULL'),
    readRate: rate('r.read_at IS NOT NULL'),
  },
  // 车位信息: estates e with PARKING_OF_ESTATE (p: spaces by kind, d: disputes by type, pp: filled-in marker) and HOUSES_OF_ESTATE (h)
  parking: {
    estates: 'count(*)',
    estatesWithoutInfo: countIf('pp.estate_id IS NULL'),
    spaces: 'sum(p.spaces)',
    ownedSpaces: 'sum(p.owned)',
    ownedShare: share('p.owned'),
    civilDefenseSpaces: 'sum(p.civil_defense)',
    civilDefenseShare: share('p.civil_defense'),
    rentedSpaces: 'sum(p.rented)',
    rentedShare: share('p.rented'),
    temporarySpaces: 'sum(p.temporary)',
    temporaryShare: share('p.temporary'),
    chargingSpaces: 'sum(p.charging)',
    chargingShare: share('p.charging'),
    otherSpaces: 'sum(p.other)',
    otherShare: share('p.other'),
    households: 'sum(h.households)',
    spacesPerHousehold: 'CASE WHEN sum(h.households) = 0 THEN NULL ELSE sum(p.spaces)::float8 / sum(h.households) END',
    disputes: 'sum(d.disputes)',
    occupationDisputes: 'sum(d.occupation)',
    feeDisputes: 'sum(d.fee)',
    ownershipDisputes: 'sum(d.ownership)',
    leaseSaleDisputes: 'sum(d.lease_sale)',
    chargingDisputes: 'sum(d.charging)',
    otherDisputes: 'sum(d.other)',
  },
  // 纠纷化解统计: estates e with DISPUTES_OF_ESTATE (dp: disputes by state and type, closed days)
  disputes: {
    disputes: 'sum(dp.total)',
    registeredDisputes: 'sum(dp.registered)',
    transferredDisputes: 'sum(dp.transferred)',
    handlingDisputes: 'sum(dp.handling)',
    closingDisputes: 'sum(dp.closing)',
    closedDisputes: 'sum(dp.closed)',
    openDisputes: 'sum(dp.total) - sum(dp.closed)',
    closeRate: 'CASE WHEN sum(dp.total) = 0 THEN 0 ELSE sum(dp.closed)::float8 / sum(dp.total) END',
    averageDays: 'CASE WHEN sum(dp.closed) = 0 THEN NULL ELSE sum(dp.closed_days)::float8 / sum(dp.closed) END',
    propertyFeeDisputes: 'sum(dp.type_property_fee)',
    serviceQualityDisputes: 'sum(dp.type_service_quality)',
    commonFundDisputes: 'sum(dp.type_common_fund)',
    committeeDisputes: 'sum(dp.type_committee)',
    handoverDisputes: 'sum(dp.type_handover)',
    renovationDisputes: 'sum(dp.type_renovation)',
    neighbourDisputes: 'sum(dp.type_neighbour)',
    parkingDisputes: 'sum(dp.parking)',
    otherDisputes: 'sum(dp.type_other)',
  },
  // 宣传培训: estates e with LEARNING_OF_ESTATE (t: the learning records of the estate's practitioners)
  training: {
    staffEnrolled: 'sum(t.staff_enrolled)',
    staffCompleted: 'sum(t.staff_completed)',
    staffHours: 'sum(t.staff_minutes)::float8 / 60',
    staffCompletionRate: 'CASE WHEN sum(t.staff_enrolled) = 0 THEN 0 ELSE sum(t.staff_completed)::float8 / sum(t.staff_enrolled) END',
    leadEnrolled: 'sum(t.lead_enrolled)',
    leadCompleted: 'sum(t.lead_completed)',
    leadHours: 'sum(t.lead_minutes)::float8 / 60',
    leadCompletionRate: 'CASE WHEN sum(t.lead_enrolled) = 0 THEN 0 ELSE sum(t.lead_completed)::float8 / sum(t.lead_enrolled) END',
  },

  // 从业人员信息: over STAFF_RECORDS (x: one row per practitioner, certificate and estate — the warehouse's staff_facts)
  staff: {
    practitioners: countIf('x.kind = 1'),
    estateStaff: countIf("x.kind = 1 AND x.staff_group = 'estate'"),
    companyStaff: countIf("x.kind = 1 AND x.staff_group = 'company'"),
    managers: countIf("x.kind = 1 AND x.post = 'manager'"),
    service: countIf("x.kind = 1 AND x.post = 'service'"),
    security: countIf("x.kind = 1 AND x.post = 'security'"),
    cleaning: countIf("x.kind = 1 AND x.post = 'cleaning'"),
    certificateHolders: countIf('x.kind = 1 AND x.certificates > 0'),
    expiredCertificates: countIf('x.kind = 2 AND x.expired'),
    estates: countIf('x.kind = 0'),
    estatesMissing: countIf('x.kind = 0 AND x.missing'),
    estatesStale: countIf('x.kind = 0 AND x.stale'),
  },
  // 共有资金情况: over common_fund_estates_on(asOf, open days) s (one row per estate, its account if any)
  common_funds: {
    estates: 'count(*)',
    shouldOpen: countIf('s.should_open'),
    opened: countIf('s.opened'),
    notOpened: countIf('s.should_open AND NOT s.opened'),
    openRate: `CASE WHEN ${countIf('s.should_open')} = 0 THEN NULL ELSE (${countIf('s.opened')}) * 100::float8 / ${countIf('s.should_open')} END`,
    basicAccounts: countIf(`s.account_kind = 'basic'`),
    coManagedAccounts: countIf(`s.account_kind = 'co_managed'`),
    abnormalAccounts: countIf('s.abnormal'),
    rectificationOrders: countIf('s.rectification_on IS NOT NULL'),
    penalties: countIf('s.penalty_on IS NOT NULL'),
  },
  // 党建园地: estates e with PARTY_OF_ESTATE (pb: its estate-level 党组织, committee members, party members, 红色物业 marker, 民意征集 responses)
  party_building: {
    estates: 'count(*)',
    estatesWithOrganization: countIf('pb.organizations > 0'),
    organizationCoverage: rate('pb.organizations > 0'),
    organizations: 'sum(pb.organizations)',
    committeeMembers: 'sum(pb.members)',
    partyMembers: 'sum(pb.party_members)',
    partyMemberShare: 'CASE WHEN sum(pb.members) = 0 THEN 0 ELSE sum(pb.party_members)::float8 / sum(pb.members) END',
    redProperties: countIf('pb.red'),
    opinionResponses: 'sum(pb.responses)',
  },
  // 民意征集 responses alone (党建园地's opinionResponses without the other three fact tables): estates e with OPINIONS_OF_ESTATE (o)
  opinion_responses: {
    opinionResponses: 'sum(o.responses)',
  },
  // 信用信息: estates e LEFT JOIN credit_records r (one row per record), counting as of $1 (CREDIT_COUNTS)
  credit: {
    subjects: 'count(DISTINCT r.subject_id)',
    badSubjects: `count(DISTINCT r.subject_id) FILTER (WHERE r.polarity = 'bad' AND ${CREDIT_COUNTS})`,
    records: 'count(r.id)',
    countingRecords: countIf(CREDIT_COUNTS),
    expiredRecords: countIf('r.valid_until < $1::date'),
    goodRecords: countIf(`r.polarity = 'good' AND ${CREDIT_COUNTS}`),
    badRecords: countIf(`r.polarity = 'bad' AND ${CREDIT_COUNTS}`),
    ...Object.fromEntries(
      [['commendation', 'commendation'], ['happyEstate', 'happy_estate'], ['greenProperty', 'green_property'], ['greenDemoProject', 'green_demo_project'],
        ['greenStarRating', 'green_star_rating'], ['standardDrafting', 'standard_drafting'], ['topTen', 'top_ten'], ['rectification', 'rectification'],
        ['penalty', 'penalty'], ['courtJudgment', 'court_judgment'], ['bottomTen', 'bottom_ten']].map(([name, code]) => [`${name}Records`, countIf(`r.category = '${code}' AND ${CREDIT_COUNTS}`)])
    ),
  },
  // 业主决策情况: estates e with DECISIONS_OF_ESTATE (vt: its meetings and topics; vb: its standing ballots)
  decisions: {
    estates: 'count(*)',
    usingEstates: countIf('vt.assembly + vt.committee > 0'),
    usingRate: rate('vt.assembly + vt.committee > 0'),
    assemblyMeetings: 'sum(vt.assembly)',
    committeeMeetings: 'sum(vt.committee)',
    openMeetings: 'sum(vt.open)',
    closedMeetings: 'sum(vt.closed)',
    topicsVoted: 'sum(vt.voted)',
    topicsPassed: 'sum(vt.passed)',
    topicsFailed: 'sum(vt.voted) - sum(vt.passed)',
    passRate: 'CASE WHEN sum(vt.voted) = 0 THEN 0 ELSE sum(vt.passed)::float8 / sum(vt.voted)::float8 END',
    ballots: 'sum(vb.ballots)',
    areaTurnout: 'CASE WHEN sum(vt.total_area) = 0 THEN 0 ELSE sum(vb.voted_area)::float8 / sum(vt.total_area)::float8 END',
    ownerTurnout: 'CASE WHEN sum(vt.total_owners) = 0 THEN 0 ELSE sum(vb.voted_owners)::float8 / sum(vt.total_owners)::float8 END',
  },
  // 信息公开统计: estates e with DISCLOSURES_OF_ESTATE (di: its published / voided announcements; disclosed = one published this year)
  disclosures: {
    estates: 'count(*)',
    disclosedEstates: countIf('di.disclosed'),
    disclosureRate: `CASE WHEN count(*) = 0 THEN NULL ELSE (${countIf('di.disclosed')}) * 100.0::float8 / count(*) END`,
    published: 'sum(di.published)',
    voided: 'sum(di.voided)',
    manual: 'sum(di.manual)',
    proxyGovernance: 'sum(di.proxy)',
    voting: 'sum(di.voting)',
    generalTemplate: 'sum(di.general)',
    ownersAssemblyTemplate: 'sum(di.assembly)',
    proxyGovernanceTemplate: 'sum(di.proxy_template)',
    otherTemplates: 'sum(di.other_template)',
  },
  // 居代业统计: estates e with PROXY_GOVERNANCE_OF_ESTATE (pg_: its 居代业 by state and outcome)
  proxy_governance: {
    estates: 'count(*)',
    estatesWithoutCommittee: countIf('NOT e.has_committee'),
    estatesUnderProxy: countIf('pg_.acting > 0'),
    cases: 'sum(pg_.cases)',
    collecting: 'sum(pg_.collecting)',
    acting: 'sum(pg_.acting)',
    ended: 'sum(pg_.ended)',
    declined: 'sum(pg_.declined)',
    terminated: 'sum(pg_.terminated)',
  },
  // 招标投标统计: estates e with TENDERS_OF_ESTATE (tn: its filings by their last round, its rounds and their buckets as of $1)
  tenders: {
    estates: 'count(*)',
    usingEstates: countIf('tn.filings > 0'),
    ...Object.fromEntries([
      'filings', 'firstReviewFilings', 'finalReviewFilings', 'rejectedFilings', 'approvedFilings', 'publicFilings', 'invitedFilings', 'committeeFilings', 'developerFilings',
      'rounds', 'approvedRounds', 'rejectedRounds', 'openRounds', 'normalRounds', 'overdueRounds', 'severeRounds', 'unknownRounds',
    ].map((name) => [name, `coalesce(sum(tn."${name}"), 0)`])),
  },
  // 平安建设: over safety_assessments a (one per community × item of the year) with its community c
  safety: {
    communities: 'count(DISTINCT a.community_id)',
    items: 'count(*)',
    notStarted: countIf(`a.status = 'not_started'`),
    inProgress: countIf(`a.status = 'in_progress'`),
    completed: countIf(`a.status = 'completed'`),
    completionRate: rate(`a.status = 'completed'`),
    averageScore: `CASE WHEN count(DISTINCT a.community_id) FILTER (WHERE a.score IS NOT NULL) = 0 THEN NULL
      ELSE (sum(a.score) FILTER (WHERE a.score IS NOT NULL))::float8 / count(DISTINCT a.community_id) FILTER (WHERE a.score IS NOT NULL) END`,
  },
  // over the derived table of EVALUATION_SOURCE (v.state, v.evaluated, v.closed, v.score)
  estate_evaluations: {
    estates: 'count(*)',
    evaluated: countIf('v.evaluated'),
    pending: countIf(`v.state = 'pending' AND NOT v.closed`),
    submitted: countIf(`v.state = 'submitted' AND NOT v.closed`),
    reviewed: countIf(`v.state = 'reviewed'`),
    autoScored: countIf(`v.state = 'auto_scored' OR (v.state IN ('pending', 'submitted') AND v.closed)`),
    averageScore: 'avg(v.score)',
    below60: countIf('v.score < 60'),
    from60to69: countIf('v.score >= 60 AND v.score < 70'),
    from70to79: countIf('v.score >= 70 AND v.score < 80'),
    from80to89: countIf('v.score >= 80 AND v.score < 90'),
    from90to100: countIf('v.score >= 90'),
  },
}

/**
 * One row per evaluation of the half-year ($1 year, $2 half) as of $3 (a date), with the rules of
 * backend/app/services/evaluation_periods.ts written out in SQL:
 *  - closed: the window (WINDOWS: 上半年 closes 6月30日, 下半年 12月30日) ended before the as-of date
 *    (hasClosed: today > closesOn);
 *  - score (effectiveScore): final_score when reviewed / auto_scored; 100 (AUTO_SCORE) when the
 *    window has closed without a review; NULL (not yet known) otherwise;
 *  - evaluated (已评价): community staff submitted scores (submitted_at set, as the evaluation list's
 *    `state=evaluated` filter).
 * Scores are multiples of 0.5 with the demo template, so float8 sums are exact and avg() equals the
 * warehouse's Float64 avgIf bit for bit before rounding.
 */
const EVALUATION_SOURCE = `(SELECT e.district_id, e.street_id, e.community_id, e.id AS estate_id, e.name AS estate_name,
    ev.state,
    ev.submitted_at IS NOT NULL AS evaluated,
    w.closed,
    CASE WHEN ev.state IN ('reviewed', 'auto_scored') THEN ev.final_score::float8 WHEN w.closed THEN 100::float8 END AS score
  FROM evaluations ev
  JOIN estates e ON e.id = ev.estate_id
  CROSS JOIN LATERAL (SELECT $3::date > make_date(ev.year, CASE ev.half WHEN 1 THEN 6 ELSE 12 END, 30) AS closed) w
  WHERE ev.year = $1 AND ev.half = $2) v`

/**
 * 信息公开统计's figures of each estate `e` from its announcements (drafts never count): 已发布 (not voided) by
 * source and template code, 已作废, and whether one 已发布 was published in the year of the as-of date `asOf`.
 */
const DISCLOSURES_OF_ESTATE = (asOf) => `
CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE d.state = 'published') AS published, count(*) FILTER (WHERE d.state = 'voided') AS voided,
    count(*) FILTER (WHERE d.state = 'published' AND d.source = 'manual') AS manual, count(*) FILTER (WHERE d.state = 'published' AND d.source = 'proxy_governance') AS proxy,
    count(*) FILTER (WHERE d.state = 'published' AND d.source = 'voting') AS voting, count(*) FILTER (WHERE d.state = 'published' AND t.code = 'general') AS general,
    count(*) FILTER (WHERE d.state = 'published' AND t.code = 'owners_assembly') AS assembly, count(*) FILTER (WHERE d.state = 'published' AND t.code = 'proxy_governance') AS proxy_template,
    count(*) FILTER (WHERE d.state = 'published' AND t.code NOT IN ('general', 'owners_assembly', 'proxy_governance')) AS other_template,
    coalesce(bool_or(d.state = 'published' AND extract(year FROM d.published_at AT TIME ZONE 'Asia/Shanghai') = extract(year FROM ${asOf}::date)), false) AS disclosed
  FROM disclosures d JOIN disclosure_templates t ON t.id = d.template_id WHERE d.estate_id = e.id AND d.state <> 'draft') di`

/** 居代业统计's figures of each estate `e` from its 居代业 */
const PROXY_GOVERNANCE_OF_ESTATE = `
CROSS JOIN LATERAL (SELECT count(*) AS cases, count(*) FILTER (WHERE g.state = 'collecting') AS collecting, count(*) FILTER (WHERE g.state = 'acting') AS acting,
    count(*) FILTER (WHERE g.state = 'ended') AS ended, count(*) FILTER (WHERE g.outcome = 'declined') AS declined, count(*) FILTER (WHERE g.outcome = 'terminated') AS terminated
  FROM proxy_governances g WHERE g.estate_id = e.id) pg_`

const LEVELS = ['district', 'street', 'community', 'estate']

/** 共有资金情况's opening period: the platform default (backend config/common_funds.ts) */
const COMMON_FUNDS_OPEN_DAYS = 30

/** 项目管理's houses, households (houses with an owner) and area of each estate `e`, from the house register */
const HOUSES_OF_ESTATE = `
CROSS JOIN LATERAL (SELECT count(*) AS houses, count(hh.owner_id) AS households, coalesce(sum(hh.building_area), 0) AS area
  FROM houses hh WHERE hh.estate_id = e.id) h`

/**
 * 车位信息's figures of each estate `e` from its records: spaces by kind (parking_spaces, an index-only
 * scan of parking_spaces_estate_kind_index per estate), the `parking_*` disputes of 纠纷化解台账 by type
 * (disputes by its estate_id index), the filled-in marker.
 */
const PARKING_OF_ESTATE = `
CROSS JOIN LATERAL (SELECT count(*) AS spaces, count(*) FILTER (WHERE ps.kind = 'owned') AS owned, count(*) FILTER (WHERE ps.kind = 'civil_defense') AS civil_defense, count(*) FILTER (WHERE ps.kind = 'rented') AS rented, count(*) FILTER (WHERE ps.kind = 'temporary') AS temporary, count(*) FILTER (WHERE ps.kind = 'charging') AS charging, count(*) FILTER (WHERE ps.kind = 'other') AS other
  FROM parking_spaces ps WHERE ps.estate_id = e.id) p
CROSS JOIN LATERAL (SELECT count(*) AS disputes, count(*) FILTER (WHERE pd.dispute_type = 'parking_occupation') AS occupation, count(*) FILTER (WHERE pd.dispute_type = 'parking_fee') AS fee, count(*) FILTER (WHERE pd.dispute_type = 'parking_ownership') AS ownership, count(*) FILTER (WHERE pd.dispute_type = 'parking_lease_sale') AS lease_sale, count(*) FILTER (WHERE pd.dispute_type = 'parking_charging') AS charging, count(*) FILTER (WHERE pd.dispute_type = 'parking_other') AS other
  FROM disputes pd WHERE pd.estate_id = e.id AND pd.dispute_type LIKE 'parking\\_%') d
LEFT JOIN estate_parking_profiles pp ON pp.estate_id = e.id`

/**
 * 纠纷化解统计's figures of each estate `e` from its `disputes` (by the estate_id index): by state, by
 * type, 车位纠纷 (the `parking_*` types), and the closed ones' days from 受理日期 to the Shenzhen day of
 * 确认办结 (the warehouse's closed_on).
 */
const DISPUTE_STATE_KEYS = ['registered', 'transferred', 'handling', 'closing', 'closed']
const DISPUTE_TYPE_KEYS = ['property_fee', 'service_quality', 'common_fund', 'committee', 'handover', 'renovation', 'neighbour', 'other']
const DISPUTES_OF_ESTATE = `
CROSS JOIN LATERAL (SELECT count(*) AS total,
    ${DISPUTE_STATE_KEYS.map((state) => `count(*) FILTER (WHERE dd.state = '${state}') AS ${state}`).join(', ')},
    ${DISPUTE_TYPE_KEYS.map((type) => `count(*) FILTER (WHERE dd.dispute_type = '${type}') AS type_${type}`).join(', ')},
    count(*) FILTER (WHERE dd.dispute_type LIKE 'parking\\_%') AS parking,
    coalesce(sum((dd.closed_at AT TIME ZONE 'Asia/Shanghai')::date - dd.reported_on) FILTER (WHERE dd.state = 'closed'), 0) AS closed_days
  FROM disputes dd WHERE dd.estate_id = e.id) dp`

/**
 * 从业人员信息's records (the rows of the warehouse's staff_facts, from the same tables): each
 * practitioner (kind 1; a company's at estate 0, as the ETL places it), each certificate (kind 2,
 * expired before the as-of date `$n`), each estate (kind 0: missing = no practitioner, stale = some but
 * confirmed more than 180 days (STAFF_STALE_DAYS) before the as-of date, or never).
 */
const STAFF_RECORDS = (asOf) => `(
  SELECT p.district_id, p.street_id, p.community_id, coalesce(p.estate_id, 0) AS estate_id, coalesce(pe.name, '物业服务企业从业人员') AS estate_name,
         1 AS kind, p.staff_group, p.post, (SELECT count(*) FROM practitioner_certificates pc WHERE pc.practitioner_id = p.id) AS certificates,
         false AS expired, false AS missing, false AS stale
    FROM practitioners p LEFT JOIN estates pe ON pe.id = p.estate_id
  UNION ALL
  SELECT p.district_id, p.street_id, p.community_id, coalesce(p.estate_id, 0), coalesce(pe.name, '物业服务企业从业人员'),
         2, p.staff_group, p.post, 0, pc.valid_until < ${asOf}::date, false, false
    FROM practitioner_certificates pc JOIN practitioners p ON p.id = pc.practitioner_id LEFT JOIN estates pe ON pe.id = p.estate_id
  UNION ALL
  SELECT se.district_id, se.street_id, se.community_id, se.id, se.name, 0, '', '', 0, false,
         NOT EXISTS (SELECT 1 FROM practitioners sp WHERE sp.estate_id = se.id),
         EXISTS (SELECT 1 FROM practitioners sp WHERE sp.estate_id = se.id)
           AND (sc.confirmed_at IS NULL OR (sc.confirmed_at AT TIME ZONE 'Asia/Shanghai')::date < ${asOf}::date - 180)
    FROM estates se LEFT JOIN estate_staff_confirmations sc ON sc.estate_id = se.id
) x`

/**
 * 宣传培训's figures of each estate `e`: the learning records of its practitioners (practitioners by
 * `estate_id`, then their records by the (practitioner_id, course_id) unique index), all, completed and
 * their learned minutes, and the same of its 项目负责人.
 */
const LEARNING_OF_ESTATE = `
CROSS JOIN LATERAL (SELECT count(*) AS staff_enrolled, count(*) FILTER (WHERE lr.progress = 100) AS staff_completed, coalesce(sum(lr.learned_minutes), 0) AS staff_minutes,
    count(*) FILTER (WHERE lp.is_lead) AS lead_enrolled, count(*) FILTER (WHERE lp.is_lead AND lr.progress = 100) AS lead_completed, coalesce(sum(lr.learned_minutes) FILTER (WHERE lp.is_lead), 0) AS lead_minutes
  FROM practitioners lp JOIN learning_records lr ON lr.practitioner_id = lp.id WHERE lp.estate_id = e.id) t`

/**
 * 党建园地's figures of each estate `e` from its records: its 党组织 (community-level ones have no
 * estate), committee members and the party members among them, the 红色物业 marker, and its residents'
 * 民意征集 responses (opinion_responses by opinion_responses_estate_index).
 */
const PARTY_OF_ESTATE = `
CROSS JOIN LATERAL (SELECT
    (SELECT count(*) FROM party_organizations po WHERE po.estate_id = e.id) AS organizations,
    (SELECT count(*) FROM committee_members cm WHERE cm.estate_id = e.id) AS members,
    (SELECT count(*) FROM committee_members cm WHERE cm.estate_id = e.id AND cm.is_party_member) AS party_members,
    EXISTS (SELECT 1 FROM red_property_projects rp WHERE rp.estate_id = e.id) AS red,
    (SELECT count(*) FROM opinion_responses orr WHERE orr.estate_id = e.id) AS responses) pb`

/** 民意征集 responses of each estate `e` alone (opinion_responses by opinion_responses_estate_index). */
const OPINIONS_OF_ESTATE = `
CROSS JOIN LATERAL (SELECT count(*) AS responses FROM opinion_responses orr WHERE orr.estate_id = e.id) o`

/**
 * Who a house `h` counts as in the owner count (the tally's ownerKeyOf; the same expression as
 * etl/src/sources/decisions.ts OWNER_KEY_SQL, written out here so the baseline stands alone).
 */
const OWNER_KEY = `CASE WHEN h.developer_held THEN 'developer' ELSE coalesce((SELECT 'owners:' || string_agg(x.o, ',' ORDER BY x.o COLLATE "C")
  FROM (SELECT h.owner_id::text AS o WHERE h.owner_id IS NOT NULL UNION SELECT c.owner_id::text FROM house_co_owners c WHERE c.house_id = h.id) x),
  'house:' || h.id::text) END`

/**
 * 业主决策情况's figures of each estate `e` from 电子投票's records: its published and closed meetings by
 * kind and state, their topics (voted = closed, passed) with the denominators the tally uses (the
 * stored result's total area and owners once closed, the register's while open), and its standing
 * ballots with each house's area (0.01 m²) and the participating owners (per topic the distinct owner keys).
 */
/** 招标投标统计: per estate (alias e) its filings and rounds; a round's 办理情况 as of its decision day, or $1 while open (warehouse/src/cubes/tenders.ts) */
const TENDER_DAY = `(CASE WHEN f.decided_on <> '${TENDER_NO_DAY}' THEN f.decided_on ELSE to_char($1::date, 'YYYY-MM-DD') END)`
const TENDER_BUCKET = `(CASE WHEN ${TENDER_DAY} > f.known_until THEN 4 WHEN f.severe_from <> '${TENDER_NO_DAY}' AND ${TENDER_DAY} >= f.severe_from THEN 3
  WHEN f.overdue_from <> '${TENDER_NO_DAY}' AND ${TENDER_DAY} >= f.overdue_from THEN 2 ELSE 1 END)`
const TENDERS_OF_ESTATE = `
CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE f.is_last = 1) AS "filings",
    count(*) FILTER (WHERE f.is_last = 1 AND f.state = 'first_review') AS "firstReviewFilings", count(*) FILTER (WHERE f.is_last = 1 AND f.state = 'final_review') AS "finalReviewFilings",
    count(*) FILTER (WHERE f.is_last = 1 AND f.state = 'rejected') AS "rejectedFilings", count(*) FILTER (WHERE f.is_last = 1 AND f.state = 'approved') AS "approvedFilings",
    count(*) FILTER (WHERE f.is_last = 1 AND f.tender_method = 'public') AS "publicFilings", count(*) FILTER (WHERE f.is_last = 1 AND f.tender_method = 'invited') AS "invitedFilings",
    count(*) FILTER (WHERE f.is_last = 1 AND f.tenderer_kind = 'committee') AS "committeeFilings", count(*) FILTER (WHERE f.is_last = 1 AND f.tenderer_kind = 'developer') AS "developerFilings",
    count(*) AS "rounds", count(*) FILTER (WHERE f.decision = 'approved') AS "approvedRounds", count(*) FILTER (WHERE f.decision = 'rejected') AS "rejectedRounds",
    count(*) FILTER (WHERE f.decision = '') AS "openRounds",
    count(*) FILTER (WHERE ${TENDER_BUCKET} = 1) AS "normalRounds", count(*) FILTER (WHERE ${TENDER_BUCKET} = 2) AS "overdueRounds",
    count(*) FILTER (WHERE ${TENDER_BUCKET} = 3) AS "severeRounds", count(*) FILTER (WHERE ${TENDER_BUCKET} = 4) AS "unknownRounds"
  FROM (${TENDER_ROUND_SELECT}\nwhere t.estate_id = e.id) f) tn`

const DECISIONS_OF_ESTATE = `
CROSS JOIN LATERAL (SELECT
    count(DISTINCT vm.id) FILTER (WHERE vm.kind = 'owners_assembly') AS assembly, count(DISTINCT vm.id) FILTER (WHERE vm.kind = 'committee') AS committee,
    count(DISTINCT vm.id) FILTER (WHERE vm.status = 'published') AS open, count(DISTINCT vm.id) FILTER (WHERE vm.status = 'closed') AS closed,
    count(*) FILTER (WHERE vm.status = 'closed') AS voted, count(*) FILTER (WHERE vm.status = 'closed' AND t.passed) AS passed,
    coalesce(sum(CASE WHEN vm.status = 'closed' THEN (t.result->'total'->>'areaCenti')::bigint ELSE reg.area END), 0) AS total_area,
    coalesce(sum(CASE WHEN vm.status = 'closed' THEN (t.result->'total'->>'owners')::int ELSE reg.owners END), 0) AS total_owners
  FROM voting_meetings vm JOIN voting_topics t ON t.meeting_id = vm.id
  LEFT JOIN LATERAL (SELECT sum((h.building_area * 100)::bigint) AS area, count(DISTINCT ${OWNER_KEY}) AS owners
    FROM houses h WHERE h.estate_id = vm.estate_id AND vm.status <> 'closed') reg ON true
  WHERE vm.estate_id = e.id AND vm.status <> 'draft') vt
CROSS JOIN LATERAL (SELECT count(*) AS ballots, coalesce(sum(b.area), 0) AS voted_area, count(DISTINCT (b.topic_id, b.owner_key)) AS voted_owners
  FROM (SELECT sb.topic_id, (h.building_area * 100)::bigint AS area, ${OWNER_KEY} AS owner_key
    FROM voting_meetings bm JOIN voting_topics bt ON bt.meeting_id = bm.id JOIN voting_standing_ballots sb ON sb.topic_id = bt.id JOIN houses h ON h.id = sb.house_id
    WHERE bm.estate_id = e.id AND bm.status <> 'draft') b) vb`

/**
 * { sql, params } for the grouped query (childLevel given) or the totals query (childLevel null).
 * estate_evaluations also takes `period` ({ year, half }) and `asOf` (YYYY-MM-DD).
 */
export function pgStatsSql(cube, { childLevel, filterLevel, filterId, period, asOf, noticeId, year }) {
  if (childLevel && !LEVELS.includes(childLevel)) throw new Error(`bad level ${childLevel}`)
  if (filterLevel && !LEVELS.includes(filterLevel)) throw new Error(`bad level ${filterLevel}`)
  const metrics = Object.entries(PG_METRICS[cube]).map(([name, expr]) => `${expr} AS "${name}"`).join(',\n  ')
  if (cube === 'safety') {
    // one year's assessments, placed by their community (the facts stop at the community)
    if (!Number.isInteger(year)) throw new Error('safety needs { year }')
    const column = (level) => (level === 'community' ? 'c.id' : `c.${level}_id`)
    const params = [year, ...(filterLevel ? [filterId] : [])]
    const from = `FROM safety_assessments a\nJOIN safety_items i ON i.id = a.item_id\nJOIN regions c ON c.id = a.community_id`
    const where = `\nWHERE i.year = $1${filterLevel ? ` AND ${column(filterLevel)} = $2` : ''}`
    if (!childLevel) return { sql: `SELECT ${metrics}\n${from}${where}`, params }
    return { sql: `SELECT ${column(childLevel)} AS id, r.name AS name,\n  ${metrics}\n${from}\nJOIN regions r ON r.id = ${column(childLevel)}${where}\nGROUP BY 1, 2`, params }
  }
  if (cube === 'staff') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(asOf))) throw new Error('staff needs { asOf: YYYY-MM-DD }')
    const params = [asOf, ...(filterLevel ? [filterId] : [])]
    const where = filterLevel ? `\nWHERE x.${filterLevel}_id = $2` : ''
    if (!childLevel) return { sql: `SELECT ${metrics}\nFROM ${STAFF_RECORDS('$1')}${where}`, params }
    const [idExpr, nameExpr, join] = childLevel === 'estate' ? ['x.estate_id', 'x.estate_name', ''] : [`x.${childLevel}_id`, 'r.name', `\nJOIN regions r ON r.id = x.${childLevel}_id`]
    return { sql: `SELECT ${idExpr} AS id, ${nameExpr} AS name,\n  ${metrics}\nFROM ${STAFF_RECORDS('$1')}${join}${where}\nGROUP BY 1, 2`, params }
  }
  if (cube === 'notices') {
    // the receipts of the region's estates (of one notice when `noticeId` is given), by the estate's place
    const params = []
    const conditions = []
    if (filterLevel) conditions.push(`e.${filterLevel === 'estate' ? 'id' : `${filterLevel}_id`} = $${params.push(filterId)}`)
    if (noticeId) conditions.push(`r.notice_id = $${params.push(noticeId)}`)
    const where = conditions.length ? `\nWHERE ${conditions.join(' AND ')}` : ''
    const from = 'FROM notice_receipts r\nJOIN estates e ON e.id = r.estate_id'
    if (!childLevel) return { sql: `SELECT ${metrics}\n${from}${where}`, params }
    const [idExpr, nameExpr, join] = childLevel === 'estate' ? ['e.id', 'e.name', ''] : [`e.${childLevel}_id`, 'c.name', `\nJOIN regions c ON c.id = e.${childLevel}_id`]
    return { sql: `SELECT ${idExpr} AS id, ${nameExpr} AS name,\n  ${metrics}\n${from}${join}${where}\nGROUP BY 1, 2`, params }
  }
  if (cube === 'credit') {
    // the records of the region's estates (every estate, with or without records), by the estate's place, as of a date
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(asOf))) throw new Error('credit needs { asOf: YYYY-MM-DD }')
    const params = [asOf, ...(filterLevel ? [filterId] : [])]
    const where = filterLevel ? `\nWHERE e.${filterLevel === 'estate' ? 'id' : `${filterLevel}_id`} = $2` : ''
    // a deleted record (backend migration 0044) counts nowhere
    const from = 'FROM estates e\nLEFT JOIN credit_records r ON r.estate_id = e.id AND r.deleted_at IS NULL'
    if (!childLevel) return { sql: `SELECT ${metrics}\n${from}${where}`, params }
    const [idExpr, nameExpr, join] = childLevel === 'estate' ? ['e.id', 'e.name', ''] : [`e.${childLevel}_id`, 'c.name', `\nJOIN regions c ON c.id = e.${childLevel}_id`]
    return { sql: `SELECT ${idExpr} AS id, ${nameExpr} AS name,\n  ${metrics}\n${from}${join}${where}\nGROUP BY 1, 2`, params }
  }
  if (cube === 'tenders') {
    // every estate with its rounds (the ETL's own round columns: thresholds on the holiday calendar), bucketed as of $1
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(asOf))) throw new Error('tenders needs { asOf: YYYY-MM-DD }')
    const params = [asOf, ...(filterLevel ? [filterId] : [])]
    const where = filterLevel ? `\nWHERE e.${filterLevel === 'estate' ? 'id' : `${filterLevel}_id`} = $2` : ''
    const from = `FROM estates e${TENDERS_OF_ESTATE}`
    if (!childLevel) return { sql: `SELECT ${metrics}\n${from}${where}`, params }
    const [idExpr, nameExpr, join] = childLevel === 'estate' ? ['e.id', 'e.name', ''] : [`e.${childLevel}_id`, 'c.name', `\nJOIN regions c ON c.id = e.${childLevel}_id`]
    return { sql: `SELECT ${idExpr} AS id, ${nameExpr} AS name,\n  ${metrics}\n${from}${join}${where}\nGROUP BY 1, 2`, params }
  }
  if (cube === 'estate_evaluations') {
    if (!period || !/^\d{4}-\d{2}-\d{2}$/.test(String(asOf))) throw new Error('estate_evaluations needs { period: { year, half }, asOf: YYYY-MM-DD }')
    const params = [period.year, period.half, asOf, ...(filterLevel ? [filterId] : [])]
    const where = filterLevel ? `\nWHERE v.${filterLevel}_id = $4` : ''
    if (!childLevel) return { sql: `SELECT ${metrics}\nFROM ${EVALUATION_SOURCE}${where}`, params }
    const [idExpr, nameExpr, join] = childLevel === 'estate'
      ? ['v.estate_id', 'v.estate_name', '']
      : [`v.${childLevel}_id`, 'r.name', `\nJOIN regions r ON r.id = v.${childLevel}_id`]
    return { sql: `SELECT ${idExpr} AS id, ${nameExpr} AS name,\n  ${metrics}\nFROM ${EVALUATION_SOURCE}${join}${where}\nGROUP BY 1, 2`, params }
  }
  const where = filterLevel ? `\nWHERE ${cube === 'estate_filings' || cube === 'common_funds' ? 's' : 'e'}.${filterLevel}_id = $1` : ''
  const params = filterLevel ? [filterId] : []
  if (cube === 'estate_filings') {
    // the state as of a date (a contract past its last day reads expired): estate_filing_states_on(date)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(asOf))) throw new Error('estate_filings needs { asOf: YYYY-MM-DD }')
    const group = childLevel ? `s.${childLevel}_id AS id, s.${childLevel}_name AS name,\n  ` : ''
    const tail = childLevel ? `\nGROUP BY s.${childLevel}_id, s.${childLevel}_name` : ''
    return { sql: `SELECT ${group}${metrics}\nFROM estate_filing_states_on($${params.length + 1}::date) s${where}${tail}`, params: [...params, asOf] }
  }
  if (cube === 'common_funds') {
    // as of a date with the platform's default opening period (COMMON_FUNDS_OPEN_DAYS, 30: the bench's API runs with it)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(asOf))) throw new Error('common_funds needs { asOf: YYYY-MM-DD }')
    const group = childLevel ? `s.${childLevel}_id AS id, s.${childLevel}_name AS name,\n  ` : ''
    const tail = childLevel ? `\nGROUP BY 1, 2` : ''
    return { sql: `SELECT ${group}${metrics}\nFROM common_fund_estates_on($${params.length + 1}::date, ${COMMON_FUNDS_OPEN_DAYS}) s${where}${tail}`, params: [...params, asOf] }
  }
  if (cube === 'disclosures') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(asOf))) throw new Error('disclosures needs { asOf: YYYY-MM-DD }')
    params.push(asOf)
  }
  const perEstate = cube === 'disclosures' ? DISCLOSURES_OF_ESTATE(`$${params.length}`) : cube === 'proxy_governance' ? PROXY_GOVERNANCE_OF_ESTATE : cube === 'parking' ? `${HOUSES_OF_ESTATE}${PARKING_OF_ESTATE}` : cube === 'training' ? LEARNING_OF_ESTATE : cube === 'party_building' ? PARTY_OF_ESTATE : cube === 'opinion_responses' ? OPINIONS_OF_ESTATE : cube === 'decisions' ? DECISIONS_OF_ESTATE : cube === 'disputes' ? DISPUTES_OF_ESTATE : HOUSES_OF_ESTATE
  if (!childLevel) return { sql: `SELECT ${metrics}\nFROM estates e${perEstate}${where}`, params }
  const [nameExpr, join] = childLevel === 'estate' ? ['e.name', ''] : ['r.name', `\nJOIN regions r ON r.id = e.${childLevel}_id`]
  return {
    sql: `SELECT e.${childLevel === 'estate' ? '' : `${childLevel}_`}id AS id, ${nameExpr} AS name,\n  ${metrics}\nFROM estates e${perEstate}${join}${where}\nGROUP BY 1, 2`,
    params,
  }
}

/** Shapes like warehouse/src/query/shape.ts: numbers, unrounded (no average → null). */
export function shapeValue(kind, value) {
  if (kind === 'average') return value === null || value === undefined ? null : Number(value)
  return Number(value ?? 0)
}

/**
 * Equal as statistics: identical, or two unrounded fractions (rates, averages, float sums) that agree
 * to 1e-9 relative — PostgreSQL's numeric and ClickHouse's Float64 may differ in the last binary digit.
 */
export function sameValue(a, b) {
  if (a === b) return true
  if (typeof a !== 'number' || typeof b !== 'number') return false
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))
}

/**
 * Diagnostic only (not asserted): houses and building area per district computed from the house
 * register itself instead of the totals denormalised on `estates` — what a PostgreSQL path costs
 * when it has to scan millions of rows.
 */
export const HOUSE_REGISTER_SQL = `SELECT e.district_id AS id, count(*) AS houses, sum(h.building_area) AS "buildingArea"
FROM houses h JOIN estates e ON e.id = h.estate_id
GROUP BY e.district_id`
