import { shallowRef, watch, type Ref } from 'vue'
import type { RouteLocationRaw } from 'vue-router'
import type { RiskEstateRow, RiskSignalKey } from '@szpm/core'
import { records } from '@/api/statistics'
import { useLatestRequest } from '@/composables/useLatestRequest'
import { session } from '@/stores/session'

type Signal = RiskEstateRow['signals'][number]

/** where a signal's source records are (穿透), for a user holding the page's feature; null = no link */
export function signalSource(signal: Signal, estateId: number): { to: RouteLocationRaw; label: string } | null {
  const input = (signal.input ?? {}) as Record<string, any>
  const links: Record<RiskSignalKey, () => { to: RouteLocationRaw; label: string; feature: string } | null> = {
    contract_filing: () => ({ to: { name: 'filing-records', query: { estate_id: String(estateId) } }, label: '备案记录', feature: 'filings.view' }),
    assembly_filing: () => ({ to: { name: 'filing-records', query: { estate_id: String(estateId) } }, label: '备案记录', feature: 'filings.view' }),
    common_fund_overdue: () => ({ to: { name: 'common-fund-records', query: { estate_id: String(estateId) } }, label: '共有资金账户', feature: 'common_funds.view' }),
    open_disputes: () => (input.oldestId ? { to: { name: 'dispute-detail', params: { id: String(input.oldestId) } }, label: '最早未办结纠纷', feature: 'disputes.view' } : null),
    evaluation_score: () => (input.evaluationId ? { to: { name: 'evaluation-detail', params: { id: String(input.evaluationId) } }, label: '评价详情', feature: 'evaluations.view' } : null),
    credit_grade: () => (input.subjectId ? { to: { name: 'credit-subject', params: { id: String(input.subjectId) } }, label: '信用主体', feature: 'credit.view' } : null),
    staff_stale: () => ({ to: { name: 'staff-estates', query: { estate_id: String(estateId) } }, label: '从业人员信息', feature: 'staff.view' }),
    inspections_unrectified: () => null,
  }
  const link = links[signal.key]?.()
  return link && session.can(link.feature) ? { to: link.to, label: link.label } : null
}

/** the estate's row of the latest daily run (风险预警物业项目 filtered to the estate) */
export function useEstateRisk(estateId: Ref<number>) {
  const row = shallowRef<RiskEstateRow | null>(null)
  const { loading, errorMessage, run } = useLatestRequest()
  function load() {
    return run(
      () => records('risk', { estate_id: estateId.value, per_page: 1 }),
      (answer) => {
        row.value = (answer.data[0] as unknown as RiskEstateRow) ?? null
      },
      () => {
        row.value = null
      }
    )
  }
  watch(estateId, () => void load(), { immediate: true })
  return { row, loading, errorMessage, load }
}
