import { test } from '@japa/runner'
import { evaluations, filings, formatPercent, formatScore, metricCell, projects, STATISTICS_MODULES } from '@szpm/core'
import { metricHeader, statisticsColumns, statisticsExportRows } from '#statistics/statistics_export'
import { routeTarget } from '#services/audit'

test.group('Statistics · one rounding rule (@szpm/core format)', () => {
  test('12 of 22 is 54.5% on every surface: card, table, chart label, Excel', ({ assert }) => {
    const rate = 12 / 22
    assert.equal(formatPercent(rate), '54.5%')
    assert.equal(metricCell('percent', rate), '54.5%')
    // the bug: rounding to 4 decimals first (0.5455), then again at one decimal
    assert.equal(formatPercent(Math.round(rate * 10_000) / 10_000), '54.6%')
  })

  test('scores and averages round once, at two decimals', ({ assert }) => {
    assert.equal(formatScore(241 / 3), '80.33')
    assert.equal(metricCell('score', 241 / 3), 80.33)
    assert.equal(metricCell('score', null), '—')
    assert.equal(metricCell('count', 1200), 1200)
  })
})

test.group('Statistics · export columns from the declaration', () => {
  test('the level, then every declared metric with its unit, values through metricCell', ({ assert }) => {
    const columns = statisticsColumns(filings, 'community')
    assert.deepEqual(columns.map((column) => column.header), [
      '社区', '物业项目数(个)', '合同已备案(个)', '合同已过期(个)', '合同未备案(个)', '合同备案率', '业主大会已备案(个)', '业主大会未备案(个)', '业主大会备案率',
    ])
    assert.equal(statisticsColumns(projects, 'street').find((column) => column.header.startsWith('建筑面积'))!.header, '建筑面积(㎡)')
    assert.equal(metricHeader(evaluations.statistics!.metrics.averageScore), '平均分(分)')
    for (const module of STATISTICS_MODULES) {
      assert.lengthOf(statisticsColumns(module, 'estate'), Object.keys(module.statistics!.metrics).length + 1, module.name)
      assert.equal(statisticsColumns(module, 'estate')[0].header, '物业项目')
    }
  })

  test('the sheet ends with the 合计 row of the totals', ({ assert }) => {
    const columns = statisticsColumns(filings, 'street')
    const values = { estates: 22, contractFiled: 12, contractExpired: 0, contractNotFiled: 10, contractRate: 12 / 22, assemblyFiled: 0, assemblyNotFiled: 22, assemblyRate: 0 }
    const rows = statisticsExportRows({
      rows: [{ ...values, id: 4, name: '园岭街道', level: 'street' }],
      totals: values,
    })
    assert.deepEqual(rows.map((row) => columns.map((column) => column.value(row))), [
      ['园岭街道', 22, 12, 0, 10, '54.5%', 0, 22, '0.0%'],
      ['合计', 22, 12, 0, 10, '54.5%', 0, 22, '0.0%'],
    ])
  })
})

test.group('Audit log · 对象 from the declarations', () => {
  test('module name and declared route label, with the record id', ({ assert }) => {
    assert.equal(routeTarget('api.filing_stats.export', {}), '备案情况 · 导出备案情况统计')
    assert.equal(routeTarget('api.filings.update', { id: 12 }), '备案情况 · 变更备案 #12')
    assert.isNull(routeTarget('api.nope', {}))
    assert.isNull(routeTarget(null))
  })
})
