import { PROXY_GOVERNANCE_OUTCOMES, PROXY_GOVERNANCE_STATES, type ProxyGovernanceAction, type ProxyGovernanceDetail, type ProxyGovernanceRow } from '@szpm/core'
import type { ProxyGovernanceRecord } from '#modules/proxy_governance/proxy_governance_service'
import { PROCESS } from '#modules/proxy_governance/proxy_governance_service'
import { transformWorkflowEvent, type WorkflowEventRow } from '#workflows/workflow_history_transformer'
import { transformDisclosure } from '#modules/disclosures/disclosure_transformer'
import type { DisclosureRecord } from '#modules/disclosures/disclosure_service'

const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null)

export function transformProxyGovernance(row: ProxyGovernanceRecord): ProxyGovernanceRow {
  return {
    id: row.id,
    estateId: row.estate_id,
    estateName: row.estate_name,
    communityName: row.community_name,
    streetName: row.street_name,
    state: row.state,
    stateName: PROXY_GOVERNANCE_STATES[row.state],
    outcome: row.outcome,
    outcomeName: row.outcome ? PROXY_GOVERNANCE_OUTCOMES[row.outcome] : null,
    reason: row.reason,
    agent: row.agent,
    startedByName: row.started_by_name,
    startedAt: iso(row.started_at)!,
    actingSince: iso(row.acting_since),
    endedAt: iso(row.ended_at),
    version: row.version,
  }
}

export function transformProxyGovernanceDetail(detail: {
  row: ProxyGovernanceRecord
  history: WorkflowEventRow[]
  actions: ProxyGovernanceAction[]
  disclosures: DisclosureRecord[]
}): ProxyGovernanceDetail {
  return {
    ...transformProxyGovernance(detail.row),
    history: detail.history.map((event) => transformWorkflowEvent(PROCESS, event)),
    disclosures: detail.disclosures.map(transformDisclosure),
    actions: detail.actions,
  }
}
