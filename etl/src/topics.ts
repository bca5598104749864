/**
 * Registry: outbox topic → transformer into warehouse fact rows. Discovered: each statistics module
 * declares its topics (`statistics.facts`) and the fact sources of its `etl/src/sources/<slug>.ts`
 * carry the transformers (see fact_sources.ts, which loads those files).
 */
import { FACT_SOURCES } from './fact_sources.ts'
import type { TopicTransformer } from './payload.ts'

export type { OutboxEvent, TopicTransformer } from './payload.ts'

export type TopicRegistry = Readonly<Record<string, TopicTransformer>>

export const topics: TopicRegistry = Object.freeze(
  Object.fromEntries(FACT_SOURCES.map((source) => [source.topic, source.transformer]))
)
