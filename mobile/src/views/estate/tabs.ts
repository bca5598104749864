import { defineAsyncComponent, markRaw, type Component } from 'vue'

/**
 * The view of each module's tab on the estate page, by module slug (the tabs themselves, their
 * labels and features come from the declarations' `estateTab`). Each view gets the estate as a prop.
 */
export const ESTATE_TAB_VIEWS: Readonly<Record<string, Component>> = {
  projects: markRaw(defineAsyncComponent(() => import('@/views/projects/EstateProfileTab.vue'))),
  // an estate-side account's own estate (estates.own): the same basic facts, and its 项目经理's maintenance entries
  estates: markRaw(defineAsyncComponent(() => import('@/views/estate/EstateOwnTab.vue'))),
  filings: markRaw(defineAsyncComponent(() => import('@/views/filings/EstateFilingsTab.vue'))),
  evaluations: markRaw(defineAsyncComponent(() => import('@/views/evaluations/EstateEvaluationsTab.vue'))),
  common_funds: markRaw(defineAsyncComponent(() => import('@/views/common_funds/EstateCommonFundsTab.vue'))),
  areas: markRaw(defineAsyncComponent(() => import('@/views/areas/EstateAreaTab.vue'))),
  decisions: markRaw(defineAsyncComponent(() => import('@/views/decisions/EstateDecisionsTab.vue'))),
  risk: markRaw(defineAsyncComponent(() => import('@/views/risk/EstateRiskTab.vue'))),
}
