import type { disclosures } from '@szpm/core'
import type { CubeDefinition, DeclaredMetric } from './types.ts'

/**
 * Per estate, its announcements (disclosure_facts, one row per published announcement, FINAL; drafts
 * never reach the warehouse): 已发布 (not voided) by source and by template code, 已作废, and the days of
 * its 已发布 announcements, which the metrics compare with `asOf`'s year (本年已公开项目).
 */
const published = (condition: string) => `countIf(state = 'published' AND ${condition})`
export const DISCLOSURES_PER_ESTATE =
  "SELECT estate_id, countIf(state = 'published') AS n_published, countIf(state = 'voided') AS n_voided, " +
  `${published("source = 'manual'")} AS src_manual, ${published("source = 'proxy_governance'")} AS src_proxy, ${published("source = 'voting'")} AS src_voting, ` +
  `${published("template_code = 'general'")} AS tpl_general, ${published("template_code = 'owners_assembly'")} AS tpl_assembly, ` +
  `${published("template_code = 'proxy_governance'")} AS tpl_proxy, ` +
  `${published("template_code NOT IN ('general', 'owners_assembly', 'proxy_governance')")} AS tpl_other, ` +
  "groupArrayIf(published_on, state = 'published') AS published_days " +
  'FROM disclosure_facts FINAL GROUP BY estate_id'

/** the estate published (and did not void) an announcement in asOf's year */
const DISCLOSED = 'arrayExists(d -> toYear(d) = toYear(asOf), published_days)'

/**
 * 信息公开统计 (module 16): every estate (estate_profile_facts, its current place) with
 * DISCLOSURES_PER_ESTATE. 信息公开率 is a percentage (0–100) of the region's estates, NULL (shown —)
 * when the region has none — PostgreSQL's rule in bench/lib/pg_stats.mjs.
 */
export const cube: CubeDefinition<DeclaredMetric<typeof disclosures>> = {
  name: 'disclosures',
  table: 'estate_profile_facts',
  final: true,
  join: `ANY LEFT JOIN (${DISCLOSURES_PER_ESTATE}) AS disclosure_estates USING estate_id`,
  params: {
    asOf: { type: 'Date', description: 'today (Asia/Shanghai): its year is 本年 of 本年已公开项目' },
  },
  metrics: {
    estates: { sql: 'count()', kind: 'count' },
    disclosedEstates: { sql: `countIf(${DISCLOSED})`, kind: 'count', description: 'estates with an announcement published this year and not voided' },
    disclosureRate: { sql: `if(count() = 0, NULL, countIf(${DISCLOSED}) * 100 / count())`, kind: 'average', description: 'disclosed ÷ estates × 100; NULL when there is no estate' },
    published: { sql: 'sum(n_published)', kind: 'count' },
    voided: { sql: 'sum(n_voided)', kind: 'count' },
    manual: { sql: 'sum(src_manual)', kind: 'count' },
    proxyGovernance: { sql: 'sum(src_proxy)', kind: 'count' },
    voting: { sql: 'sum(src_voting)', kind: 'count' },
    generalTemplate: { sql: 'sum(tpl_general)', kind: 'count' },
    ownersAssemblyTemplate: { sql: 'sum(tpl_assembly)', kind: 'count' },
    proxyGovernanceTemplate: { sql: 'sum(tpl_proxy)', kind: 'count' },
    otherTemplates: { sql: 'sum(tpl_other)', kind: 'count' },
  },
}
