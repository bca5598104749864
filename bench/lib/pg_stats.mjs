/**
 * BENCHMARK ONLY — never used by the platform. The 备案情况 and 项目管理 drill-down statistics
 * computed directly from the PostgreSQL source tables, as the baseline the warehouse is compared
 * with (and checked against: the bench aborts when the numbers differ).
 *
 *   estate_filings  → GROUP BY over the `estate_filing_states` view (the one definition of state)
 *   estate_profiles → GROUP BY over `estates` (joined to `regions` for the child's name)
 *
 * Same query shape as the warehouse: one grouped query for the child level plus one totals query,
 * filtered by the asked region; metric names and rounding as in warehouse/src/cubes and shape.ts.
 */
const rate = (condition) => `CASE WHEN count(*) = 0 THEN 0 ELSE (count(*) FILTER (WHERE ${condition}))::float8 / count(*) END`
const countIf = (condition) => `count(*) FILTER (WHERE ${condition})`

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
    houses: 'sum(e.house_count)',
    households: 'sum(e.household_count)',
    buildingArea: 'sum(e.building_area)',
    companies: `count(DISTINCT e.company_name) FILTER (WHERE coalesce(e.company_name, '') <> '')`,
    withCommittee: countIf('e.has_committee'),
    withoutCommittee: countIf('NOT e.has_committee'),
  },
}

const LEVELS = ['district', 'street', 'community', 'estate']

/** { sql, params } for the grouped query (childLevel given) or the totals query (childLevel null). */
export function pgStatsSql(cube, { childLevel, filterLevel, filterId }) {
  if (childLevel && !LEVELS.includes(childLevel)) throw new Error(`bad level ${childLevel}`)
  if (filterLevel && !LEVELS.includes(filterLevel)) throw new Error(`bad level ${filterLevel}`)
  const metrics = Object.entries(PG_METRICS[cube]).map(([name, expr]) => `${expr} AS "${name}"`).join(',\n  ')
  const where = filterLevel ? `\nWHERE ${cube === 'estate_filings' ? 's' : 'e'}.${filterLevel}_id = $1` : ''
  const params = filterLevel ? [filterId] : []
  if (cube === 'estate_filings') {
    const group = childLevel ? `s.${childLevel}_id AS id, s.${childLevel}_name AS name,\n  ` : ''
    const tail = childLevel ? `\nGROUP BY s.${childLevel}_id, s.${childLevel}_name` : ''
    return { sql: `SELECT ${group}${metrics}\nFROM estate_filing_states s${where}${tail}`, params }
  }
  if (!childLevel) return { sql: `SELECT ${metrics}\nFROM estates e${where}`, params }
  const [nameExpr, join] = childLevel === 'estate' ? ['e.name', ''] : ['r.name', `\nJOIN regions r ON r.id = e.${childLevel}_id`]
  return {
    sql: `SELECT e.${childLevel === 'estate' ? '' : `${childLevel}_`}id AS id, ${nameExpr} AS name,\n  ${metrics}\nFROM estates e${join}${where}\nGROUP BY 1, 2`,
    params,
  }
}

/** Rounds like warehouse/src/query/shape.ts: rates to 4 decimals, sums to 2, counts as numbers. */
export function shapeValue(kind, value) {
  const number = Number(value ?? 0)
  if (kind === 'rate') return Math.round(number * 10_000) / 10_000
  if (kind === 'sum') return Math.round(number * 100) / 100
  return number
}

/**
 * Diagnostic only (not asserted): houses and building area per district computed from the house
 * register itself instead of the totals denormalised on `estates` — what a PostgreSQL path costs
 * when it has to scan millions of rows.
 */
export const HOUSE_REGISTER_SQL = `SELECT e.district_id AS id, count(*) AS houses, sum(h.building_area) AS "buildingArea"
FROM houses h JOIN estates e ON e.id = h.estate_id
GROUP BY e.district_id`
