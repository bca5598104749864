import { accounts } from './accounts.ts'
import { boundaries } from './boundaries.ts'
import { commonFunds } from './common_funds.ts'
import { credit } from './credit.ts'
import { disputes } from './disputes.ts'
import { disclosures } from './disclosures.ts'
import { estates } from './estates.ts'
import { estateAccounts } from './estate_accounts.ts'
import { evaluations } from './evaluations.ts'
import { filings } from './filings.ts'
import { housesAndOwners } from './houses_and_owners.ts'
import { notices } from './notices.ts'
import { parking } from './parking.ts'
import { partyBuilding } from './party_building.ts'
import { regions } from './regions.ts'
import { safety } from './safety.ts'
import { inspections } from './inspections.ts'
import { staff } from './staff.ts'
import { training } from './training.ts'
import { voting } from './voting.ts'
import { tenders } from './tenders.ts'
import { risk } from './risk.ts'
import type { DataGenerator } from './types.ts'

/**
 * THE registry of the city generator: one module per domain, run in this order inside one
 * transaction by `./ace demo:generate`. Each module is a small file here exporting
 * `{ name, description, tables, run(ctx) }`; `ctx.state` carries the ids earlier modules produced.
 *
 * Later modules (ballots, notices, training, parking …) add their own file next to these and ONE
 * line below, after the modules whose ids they reference.
 */
export const GENERATORS: readonly DataGenerator[] = [
  regions,
  estates,
  // right after the estates (物业区域管理's map: region and estate boundaries)
  boundaries,
  housesAndOwners,
  filings,
  // after the filings: an account is due once the 业主大会 is filed
  commonFunds,
  accounts,
  estateAccounts,
  notices,
  parking,
  evaluations,
  staff,
  // after the practitioners (staff), whose ids its learning records reference
  training,
  // after the estates (their company names and managers)
  credit,
  partyBuilding,
  // after the accounts (community staff update the assessments)
  safety,
  // after the accounts (the bureaus and street handlers act in the history)
  disputes,
  // after the accounts (the street offices publish)
  disclosures,
  // after the houses and the estate accounts (the 业委会主任 convenes)
  voting,
  // after the accounts and the estate accounts (the bureaus publish, the project managers fill)
  inspections,
  // after the accounts and the estate accounts (street handlers and heads review, 业委会主任 file)
  tenders,
  // last: today's risk score of every estate, from everything above
  risk,
]

export { runGenerators } from './pipeline.ts'
export type { RunOptions, RunResult, StepTiming } from './pipeline.ts'
export { SCALES } from './scales.ts'
export { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts.ts'
export { ESTATE_DEMO_ACCOUNTS } from './estate_accounts.ts'
export { createProgressReporter, silentProgress } from './progress.ts'
export type { DataGenerator, GeneratorContext, GeneratedState, Scale } from './types.ts'
