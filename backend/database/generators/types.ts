import type { ClientBase } from 'pg'
import type { CopyValue } from './copy.ts'
import type { People } from './names.ts'
import type { ProgressReporter } from './progress.ts'
import type { Random } from './random.ts'

/** How big a city to build. Ranges are inclusive and drawn uniformly per parent. */
export interface Scale {
  communitiesPerStreet: [number, number]
  estatesPerCommunity: [number, number]
  housesPerEstate: [number, number]
  /** 通知发布: notices each street office has published (generators/notices.ts; default 3–5) */
  noticesPerStreet?: [number, number]
  /** 宣传培训: courses published (generators/training.ts; default 12) */
  courses?: number
  /** 宣传培训: courses each estate practitioner has enrolled in (default 2–6) */
  coursesPerLearner?: [number, number]
  /** 从业人员信息: practitioners of each estate with staff (generators/staff.ts; default 3–10) */
  staffPerEstate?: [number, number]
  /** 党建园地: 民意征集 each street office has run (generators/party_building.ts; default 2–4) */
  opinionCollectionsPerStreet?: [number, number]
  /** 党建园地: responses from each estate of the street per collection (default 2–8) */
  opinionResponsesPerEstate?: [number, number]
  /** 纠纷化解台账: disputes of each estate (generators/disputes.ts; default 0–4) */
  disputesPerEstate?: [number, number]
  /** 信息公开: announcements of each estate (generators/disclosures.ts; default 0–2) */
  disclosuresPerEstate?: [number, number]
  /** 电子投票: meetings held in the estates (generators/voting.ts; default 40) */
  votingMeetings?: number
  /**
   * 电子投票: at least this many standing ballots (one per house per topic): more meetings, in the next
   * largest estates, until the plan reaches it (`./ace demo:generate --voting-ballots 10000000`; default none)
   */
  votingBallots?: number
  /** 招标投标管理: 招标文件备案 of each estate since 2019 (generators/tenders.ts; default 0–2) */
  tendersPerEstate?: [number, number]
  /** Only these street offices get communities (tests use a handful); default: all 74. */
  streets?: readonly string[]
}

export interface DistrictInfo { id: number; name: string; code: string | null }
export interface StreetInfo { id: number; name: string; districtId: number; districtName: string }
export interface CommunityInfo { id: number; name: string; streetId: number; districtId: number; districtName: string }
export interface EstateInfo { id: number; index: number; communityId: number; districtName: string; estateType: string }

/** What earlier generators produced, for later ones to reference without a round trip. */
export interface GeneratedState {
  /** region name → id for the city, districts and streets */
  regionIds: Map<string, number>
  districts: DistrictInfo[]
  streets: StreetInfo[]
  communities: CommunityInfo[]
  estates: EstateInfo[]
  /** 从业人员信息: the practitioners' ids (generators/staff.ts), for 宣传培训's learning records */
  practitionerIds?: number[]
}

export interface GeneratorContext {
  /** The dedicated connection; everything runs inside its one open transaction. */
  client: ClientBase
  seed: number
  scale: Scale
  /** A seeded PRNG of its own for this generator (and an optional sub-label). */
  random(label?: string): Random
  /** A seeded zh_CN faker (names, phone numbers) of its own for this generator. */
  people(label?: string): People
  state: GeneratedState
  progress: ProgressReporter
  log(line: string): void
  /**
   * The generator's clock (the platform clock when the run started): one timestamp for every
   * created_at / updated_at of the run, and nothing generated — record, event or to-do — is later.
   */
  now: Date
  /** COPY rows into a table (text format, streamed, backpressure-aware). */
  copy(table: string, columns: readonly string[], rows: Iterable<readonly CopyValue[]> | AsyncIterable<readonly CopyValue[]>): Promise<number>
  /** The first free id of a table (max(id) + 1): generators preallocate ids themselves. */
  firstId(table: string): Promise<number>
  /** Moves a table's id sequence past the ids written by hand. */
  syncSequence(table: string): Promise<void>
}

/** Rows written per table. */
export type RowCounts = Record<string, number>

/** One module of the generator: a small file under database/generators/, registered in index.ts. */
export interface DataGenerator {
  name: string
  description: string
  /** Tables this generator fills; `--fresh` truncates them (RESTART IDENTITY CASCADE). */
  tables: readonly string[]
  run(ctx: GeneratorContext): Promise<RowCounts>
}
