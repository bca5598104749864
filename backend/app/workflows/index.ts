/**
 * The registry of workflow processes. The inbox (labels, steps, refresh), the jobs worker and the
 * scheduler loop over it; nothing else names a process. A new process is its definition file in its
 * module (declared in core/src/modules/<slug>.ts `processes`) plus one line in PROCESS_DEFINITIONS.
 */
import type { ProcessDefinition, ScheduledJob } from '#workflows/process'
import { evaluationProcess } from '#modules/evaluations/evaluation_process'
import { disputeProcess } from '#modules/disputes/dispute_process'
import { tenderProcess } from '#modules/tenders/tender_process'
import { proxyGovernanceProcess } from '#modules/proxy_governance/proxy_governance_process'
import { inspectionProcess } from '#modules/inspections/inspection_process'
import { riskProcess } from '#modules/risk/risk_process'
import { WORKFLOW_PROCESSES } from '@szpm/core'
import { auditLogPartitionsJob } from '#modules/audit/audit_log_partitions'
import { weatherWarningsJob } from '#modules/weather/weather_warnings_job'
import { closeDueMeetingsJob } from '#modules/voting/close_due_meetings'

/** every process of the platform, in inbox order */
const PROCESS_DEFINITIONS: readonly ProcessDefinition[] = [
  evaluationProcess as unknown as ProcessDefinition,
  disputeProcess as unknown as ProcessDefinition,
  tenderProcess as unknown as ProcessDefinition,
  proxyGovernanceProcess as unknown as ProcessDefinition,
  inspectionProcess as unknown as ProcessDefinition,
  riskProcess as unknown as ProcessDefinition,
]

const registry = new Map<string, ProcessDefinition>()

/**
 * Adds a process to the registry. Refuses a second process of the same name; returns a function that
 * removes it again (tests register fakes with it).
 */
export function registerProcess(process: ProcessDefinition): () => void {
  if (registry.has(process.name)) throw new Error(`workflow process "${process.name}" is registered twice`)
  registry.set(process.name, process)
  return () => {
    if (registry.get(process.name) === process) registry.delete(process.name)
  }
}

for (const process of PROCESS_DEFINITIONS) registerProcess(process)

/** every registered process */
export function registeredProcesses(): ProcessDefinition[] {
  return [...registry.values()]
}

export function processOf(name: string): ProcessDefinition | undefined {
  return registry.get(name)
}

/** names of the registered processes (the inbox's `process` filter accepts these) */
export function processNames(): string[] {
  return [...registry.keys()]
}

/**
 * Scheduled jobs of the platform that belong to no process (housekeeping), listed under the process
 * name `platform`: the audit log's monthly partitions and retention, 小区气象公告栏's warning poll and
 * 电子投票's close of the meetings whose period ended (its meetings are no workflow process).
 */
const PLATFORM_JOBS: readonly ScheduledJob<any>[] = [auditLogPartitionsJob, weatherWarningsJob, closeDueMeetingsJob]

/**
 * Every scheduled job: the platform's housekeeping jobs (only when no process list is given) and
 * those of every registered process, with the process that declares it. A job name used twice is
 * refused: the worker finds a job's processor by its name.
 */
export function scheduledJobs(processes?: readonly ProcessDefinition[]): (ScheduledJob & { process: string })[] {
  const jobs: (ScheduledJob & { process: string })[] = []
  const sources = [
    ...(processes ? [] : [{ name: 'platform', jobs: PLATFORM_JOBS }]),
    ...(processes ?? registeredProcesses()),
  ]
  for (const process of sources) {
    for (const job of process.jobs ?? []) {
      const clash = jobs.find((other) => other.name === job.name)
      if (clash) throw new Error(`job "${job.name}" is declared by both process "${clash.process}" and "${process.name}"`)
      jobs.push({ ...job, process: process.name })
    }
  }
  return jobs
}

/** Runs what the inbox asks of every process (or of the ones given) before it reads the to-dos. */
export async function refreshInbox(processes: readonly ProcessDefinition[] = registeredProcesses()): Promise<void> {
  for (const process of processes) await process.inbox?.refresh?.()
}

/**
 * Problems between the backend registry and the declarations in core: a declared process without a
 * definition (its to-dos would have no states) or a definition no module declares. A unit test runs it.
 */
export function processProblems(): string[] {
  const declared = WORKFLOW_PROCESSES.map((process) => process.name)
  const defined = PROCESS_DEFINITIONS.map((process) => process.name)
  return [
    ...declared.filter((name) => !defined.includes(name)).map((name) => `process "${name}" is declared in core but has no definition in app/workflows/index.ts`),
    ...defined.filter((name) => !declared.includes(name)).map((name) => `process "${name}" is defined but no module declares it in core/src/modules`),
  ]
}
