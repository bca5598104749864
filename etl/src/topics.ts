/**
 * Registry: outbox topic → transformer into warehouse fact rows. Discovered: each statistics module
 * declares its topic (`statistics.facts.topic`) and its `etl/src/sources/<slug>.ts` exports the
 * `topicTransformer` (see fact_sources.ts, which loads those files).
 */
import { STATISTICS_MODULES } from '@szpm/core'
import { MODULE_SOURCE_FILES } from './fact_sources.ts'
import type { TopicTransformer } from './payload.ts'

export type { OutboxEvent, TopicTransformer } from './payload.ts'

export type TopicRegistry = Readonly<Record<string, TopicTransformer>>

export const topics: TopicRegistry = Object.freeze(
  Object.fromEntries(STATISTICS_MODULES.map((module) => [module.statistics!.facts.topic, MODULE_SOURCE_FILES[module.slug].topicTransformer]))
)
