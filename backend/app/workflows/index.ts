/** Every declared process, by name (the inbox and the history use it for labels and routing). */
import type { ProcessDefinition } from '#workflows/process'
import { evaluationProcess } from '#modules/evaluations/evaluation_process'
import type { WorkflowProcess } from '@szpm/core'

export const PROCESSES: Record<WorkflowProcess, ProcessDefinition> = {
  evaluation: evaluationProcess as unknown as ProcessDefinition,
}

export function processOf(name: string): ProcessDefinition | undefined {
  return Object.hasOwn(PROCESSES, name) ? PROCESSES[name as WorkflowProcess] : undefined
}
