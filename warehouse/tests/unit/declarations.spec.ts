import { test } from '@japa/runner'
import { STATISTICS_MODULES } from '@szpm/core'
import { cubes, loadCubeFiles, parseQuery, shapeRows, shapeTotals } from '../../src/index.ts'

test.group('cubes follow the module declarations', () => {
  test('every statistics module names a cube that exists', ({ assert }) => {
    assert.isAbove(STATISTICS_MODULES.length, 0)
    for (const module of STATISTICS_MODULES) {
      assert.property(cubes, module.statistics!.cube, `${module.name} names cube ${module.statistics!.cube}`)
    }
  })

  test('the cubes are discovered: exactly the statistics modules\' cubes, each from cubes/<slug>.ts', async ({ assert }) => {
    assert.sameMembers(Object.keys(cubes), STATISTICS_MODULES.map((module) => module.statistics!.cube))
    const files = await loadCubeFiles(STATISTICS_MODULES.map((module) => module.slug))
    assert.deepEqual(Object.keys(files), STATISTICS_MODULES.map((module) => module.slug))
    for (const module of STATISTICS_MODULES) {
      assert.strictEqual(files[module.slug].cube, cubes[module.statistics!.cube], `cubes/${module.slug}.ts exports the cube ${module.statistics!.cube}`)
    }
  })

  test('a statistics module without its cube file, or a file without `cube`, fails at load naming the file', async ({ assert }) => {
    await assert.rejects(() => loadCubeFiles(['filings', 'no_such_module']), /^module no_such_module declares statistics but warehouse\/src\/cubes\/no_such_module\.ts is missing$/)
    await assert.rejects(() => loadCubeFiles(['hierarchy']), /^module hierarchy declares statistics but warehouse\/src\/cubes\/hierarchy\.ts does not export cube$/)
  })

  test('every declared metric exists in its cube and vice versa', ({ assert }) => {
    for (const module of STATISTICS_MODULES) {
      const cube = cubes[module.statistics!.cube]
      assert.deepEqual(Object.keys(cube.metrics).sort(), Object.keys(module.statistics!.metrics).sort(), `${module.name} ↔ cube ${cube.name}`)
    }
  })

  test("each declaration's aggregation equals the cube metric's kind", ({ assert }) => {
    for (const module of STATISTICS_MODULES) {
      const cube = cubes[module.statistics!.cube]
      for (const [key, metric] of Object.entries(module.statistics!.metrics)) {
        assert.equal(cube.metrics[key]?.kind, metric.aggregation, `${module.name} · ${metric.label} (${key})`)
      }
    }
  })

  test('key figures and charts name declared metrics', ({ assert }) => {
    for (const module of STATISTICS_MODULES) {
      const declared = Object.keys(module.statistics!.metrics)
      for (const key of [...module.statistics!.keyFigures, ...module.statistics!.charts.flatMap((chart) => chart.metrics)]) {
        assert.include(declared, key, `${module.name}: ${key}`)
      }
    }
  })
})

test.group('shape: values travel unrounded', () => {
  const filings = parseQuery({ cube: 'estate_filings', metrics: ['estates', 'contractFiled', 'contractRate'], dimensions: ['street'], params: { asOf: '2026-07-01' } }, { grouped: true })

  test('rates keep every digit; UInt64 strings become numbers', ({ assert }) => {
    const rows = shapeRows(filings, [{ id: '4', name: '园岭街道', estates: '22', contractFiled: '12', contractRate: 12 / 22 }])
    assert.deepEqual(rows, [{ id: 4, name: '园岭街道', estates: 22, contractFiled: 12, contractRate: 12 / 22 }])
    assert.notEqual(rows[0].contractRate, 0.5455)
  })

  test('sums and averages are not rounded; nothing to average is null', ({ assert }) => {
    const profiles = parseQuery({ cube: 'estate_profiles', metrics: ['houses', 'buildingArea'] }, { grouped: false })
    assert.deepEqual(shapeTotals(profiles, [{ houses: '1200', buildingArea: 1234.5678 }]), { houses: 1200, buildingArea: 1234.5678 })
    const evaluations = parseQuery({ cube: 'estate_evaluations', metrics: ['estates', 'averageScore'], params: { asOf: '2026-07-01' } }, { grouped: false })
    assert.deepEqual(shapeTotals(evaluations, [{ estates: '3', averageScore: 241 / 3 }]), { estates: 3, averageScore: 241 / 3 })
    for (const none of [null, 'nan', Number.NaN, undefined]) {
      assert.deepEqual(shapeTotals(evaluations, [{ estates: '0', averageScore: none }]), { estates: 0, averageScore: null })
    }
    assert.deepEqual(shapeTotals(evaluations, []), { estates: 0, averageScore: null })
  })
})
