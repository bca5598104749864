import type { Component } from 'vue'
import EstateBasicsTab from './EstateBasicsTab.vue'
import EstateOwnTab from './EstateOwnTab.vue'
import EstateEvaluationsTab from './EstateEvaluationsTab.vue'
import EstateFilingsTab from './EstateFilingsTab.vue'
import EstateRecordsTab from './EstateRecordsTab.vue'
import EstateCommonFundsTab from '@/views/common_funds/EstateCommonFundsTab.vue'
import EstateAreaTab from '@/views/areas/EstateAreaTab.vue'
import EstateDecisionsTab from '@/views/decisions/EstateDecisionsTab.vue'
import EstateRiskTab from '@/views/risk/EstateRiskTab.vue'

/**
 * The tab of each module on the estate page, by slug (props: `estate`, `slug`). A module that
 * declares `estateTab` without an entry here shows its declared records of the estate.
 */
const ESTATE_TABS: Readonly<Record<string, Component>> = {
  projects: EstateBasicsTab,
  // an estate-side account's own estate (estates.own): the same basic facts, and its 项目经理's maintenance entries
  estates: EstateOwnTab,
  filings: EstateFilingsTab,
  evaluations: EstateEvaluationsTab,
  common_funds: EstateCommonFundsTab,
  areas: EstateAreaTab,
  decisions: EstateDecisionsTab,
  risk: EstateRiskTab,
}

export function estateTabComponent(slug: string): Component {
  return ESTATE_TABS[slug] ?? EstateRecordsTab
}
