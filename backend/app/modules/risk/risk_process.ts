import { processDeclaration } from '@szpm/core'
import { defineProcess, type TodoDescription } from '#workflows/process'
import { riskDailyJob, RISK_RED_STEP } from '#modules/risk/risk_daily'

/**
 * 物业项目风险预警's to-dos: an estate newly 红 opens one to-do (step `red`, subject = the estate) for
 * its street's handlers, closed by the run that finds it no longer red. No transitions: an estate has
 * no workflow state; the daily job is this process's scheduled job.
 */
export const riskProcess = defineProcess<typeof RISK_RED_STEP, never>({
  ...processDeclaration('risk'),
  table: 'estates',
  states: { red: { label: '红色预警' } },
  transitions: {},
  async describeTodos() {
    return new Map<number, TodoDescription>()
  },
  jobs: [riskDailyJob],
})
