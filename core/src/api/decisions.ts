/** 业主决策情况 (module 8): a topic's turnout by building or by day. Its statistics and topics list go through ./statistics.ts. */
import type { Http } from './http.ts'
import type { DecisionTurnoutRow } from './types.ts'

export interface DecisionTurnoutMeta {
  topicId: number
  topicTitle: string
  estateId: number
  estateName: string
  by: 'building' | 'day'
  freshAt: string | null
}

export function decisionsApi(http: Http) {
  return {
    /** the topic's standing ballots and participating area per building (with the register's houses and area) or per day (cumulated) */
    turnout: (topicId: number, by: 'building' | 'day' = 'building') =>
      http.call<DecisionTurnoutRow[], DecisionTurnoutMeta>('decision_turnout.show', { params: { id: topicId }, query: { by } }),
    /** the same as an Excel download */
    turnoutExportUrl: (topicId: number, by: 'building' | 'day' = 'building') => http.url('decision_turnout.export', { params: { id: topicId }, query: { by } }),
  }
}
