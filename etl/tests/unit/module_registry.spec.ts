import { test } from '@japa/runner'
import { STATISTICS_MODULES } from '@szpm/core'
import { cubes } from '@szpm/warehouse'
import { FACT_SOURCES, FACT_SOURCES_BY_MODULE, factSourcesOf, loadSourceFiles, MODULE_SOURCE_FILES, topics } from '../../src/index.ts'

/**
 * The ETL's registries are discovered from the module declarations (core/src/modules): every
 * statistics module's `etl/src/sources/<slug>.ts` gives one fact source per fact table it declares
 * (`statistics.facts`: rebuild / reconcile), each with the outbox topic transformer of its declared
 * topic, and the ETL has nothing for a module that is not declared.
 */
test.group('ETL registries follow the statistics declarations', () => {
  test('one fact source per declared fact table of each statistics module, keyed by slug — and no other', ({ assert }) => {
    assert.isAbove(STATISTICS_MODULES.length, 0)
    assert.sameMembers(Object.keys(FACT_SOURCES_BY_MODULE), STATISTICS_MODULES.map((module) => module.slug))
    for (const module of STATISTICS_MODULES) {
      const declared = module.statistics!.facts
      assert.isAbove(declared.length, 0, module.slug)
      assert.deepEqual(FACT_SOURCES_BY_MODULE[module.slug].map((source) => [source.table, source.topic]), declared.map((fact) => [fact.table, fact.topic]), `${module.name} (${module.slug})`)
      // the cube the statistics read reads the first declared table: from it, or through its join
      // (备案情况 starts from the estate dimension, estate_profile_facts, and joins its filing_facts),
      // directly or through a rollup of it (车位信息 joins parking_estate_totals of parking_space_facts)
      const cube = cubes[module.statistics!.cube]
      const readable = [declared[0].table, ...(FACT_SOURCES_BY_MODULE[module.slug][0].rollups ?? []).map((rollup) => rollup.table)]
      const readsFirst = readable.some((table) => cube.table === table || new RegExp(`\\bFROM ${table} `).test(cube.join ?? ''))
      assert.isTrue(readsFirst, `${module.name}: cube ${module.statistics!.cube} reads ${declared[0].table}`)
    }
    // the rebuild and the reconciliation walk exactly these
    assert.sameMembers([...FACT_SOURCES], Object.values(FACT_SOURCES_BY_MODULE).flat())
    assert.equal(new Set(FACT_SOURCES.map((source) => source.table)).size, FACT_SOURCES.length, 'one source per fact table')
  })

  test('every declared outbox topic has a transformer into the declared fact table — and no other topic exists', ({ assert }) => {
    for (const module of STATISTICS_MODULES) {
      for (const { table, topic } of module.statistics!.facts) {
        assert.property(topics, topic, `${module.name}: outbox topic ${topic}`)
        assert.equal(topics[topic].table, table, `${module.name}: topic ${topic} → ${table}`)
      }
    }
    assert.sameMembers(Object.keys(topics), STATISTICS_MODULES.flatMap((module) => module.statistics!.facts.map((fact) => fact.topic)))
  })

  test('both come from sources/<slug>.ts of each statistics module, in declaration order', ({ assert }) => {
    assert.deepEqual(Object.keys(MODULE_SOURCE_FILES), STATISTICS_MODULES.map((module) => module.slug))
    for (const module of STATISTICS_MODULES) {
      assert.strictEqual(FACT_SOURCES_BY_MODULE[module.slug], MODULE_SOURCE_FILES[module.slug].factSources, module.slug)
      for (const source of MODULE_SOURCE_FILES[module.slug].factSources) assert.strictEqual(topics[source.topic], source.transformer, `${module.slug}: ${source.topic}`)
    }
  })

  test('a statistics module without its source file, or a file without the exports, fails at load naming the file', async ({ assert }) => {
    await assert.rejects(() => loadSourceFiles(['filings', 'no_such_module']), /^module no_such_module declares statistics but etl\/src\/sources\/no_such_module\.ts is missing$/)
    await assert.rejects(() => loadSourceFiles(['source_rows']), /^module source_rows declares statistics but etl\/src\/sources\/source_rows\.ts does not export factSources$/)
  })
})

test.group('ETL registries · choosing modules', () => {
  test('reconcile --module picks fact sources by slug; an unknown slug is refused with the known ones', ({ assert }) => {
    assert.deepEqual(factSourcesOf(['evaluations']), [...FACT_SOURCES_BY_MODULE.evaluations])
    assert.deepEqual(factSourcesOf(), FACT_SOURCES)
    // known slugs in declaration order (STATISTICS_MODULES)
    const known = STATISTICS_MODULES.map((module) => module.slug).join(', ')
    assert.throws(() => factSourcesOf(['estate_filings']), new RegExp(`no fact source for module "estate_filings" \\(known: ${known}\\)`))
  })
})
