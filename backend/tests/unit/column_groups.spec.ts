import { test } from '@japa/runner'
import { commonFunds, metricGroups, STATISTICS_MODULES } from '@szpm/core'
import { statisticsColumns } from '#statistics/statistics_export'

/**
 * Grouped headers of a statistics table (statistics.columnGroups): every declaration's groups name
 * declared, consecutive metrics; 共有资金情况 groups 应开共有资金账户数 {总数, 已开数, 未开数, 开户率} and
 * 共有资金账户数 {基本账户, 共管账户}; its export columns carry the group and the short header.
 */
test.group('Statistics column groups', () => {
  test('every statistics module: its groups are valid (declared, consecutive, one group per metric)', ({ assert }) => {
    for (const module of STATISTICS_MODULES) assert.doesNotThrow(() => metricGroups(module.statistics!), module.slug)
  })

  test('共有资金情况: two groups, in declared order, with their short labels', ({ assert }) => {
    const groups = metricGroups(commonFunds.statistics!)
    assert.deepEqual([...groups.entries()].map(([key, grouped]) => [key, grouped.group, grouped.label, grouped.first, grouped.span]), [
      ['shouldOpen', '应开共有资金账户数', '总数', true, 4],
      ['opened', '应开共有资金账户数', '已开数', false, 4],
      ['notOpened', '应开共有资金账户数', '未开数', false, 4],
      ['openRate', '应开共有资金账户数', '开户率', false, 4],
      ['basicAccounts', '共有资金账户数', '基本账户', true, 2],
      ['coManagedAccounts', '共有资金账户数', '共管账户', false, 2],
    ])
    const columns = statisticsColumns(commonFunds, 'community').map((column) => [column.group ?? null, column.header])
    assert.deepEqual(columns.slice(0, 8), [
      [null, '社区'], [null, '物业项目总数(个)'],
      ['应开共有资金账户数', '总数(个)'], ['应开共有资金账户数', '已开数(个)'], ['应开共有资金账户数', '未开数(个)'], ['应开共有资金账户数', '开户率(%)'],
      ['共有资金账户数', '基本账户(个)'], ['共有资金账户数', '共管账户(个)'],
    ])
  })

  test('a group over metrics that are not consecutive, undeclared or in two groups is refused', ({ assert }) => {
    const metrics = { a: { label: 'A', format: 'count', aggregation: 'count' }, b: { label: 'B', format: 'count', aggregation: 'count' }, c: { label: 'C', format: 'count', aggregation: 'count' } } as const
    const group = (...keys: string[]) => ({ label: 'G', columns: keys.map((metric) => ({ metric, label: metric })) })
    assert.throws(() => metricGroups({ metrics, columnGroups: [group('a', 'c')] }), /consecutive/)
    assert.throws(() => metricGroups({ metrics, columnGroups: [group('a', 'x')] }), /consecutive/)
    assert.throws(() => metricGroups({ metrics, columnGroups: [group('a', 'b'), group('b', 'c')] }), /two groups/)
    assert.equal(metricGroups({ metrics }).size, 0)
  })
})
