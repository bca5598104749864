import { test } from '@japa/runner'
import { STATISTICS_MODULES, declarationProblems, metricRecordsPage, parking, projects, recordsOfPage, routeByName, staff } from '@szpm/core'
import { recordsOf, statisticsApi, statisticsRoutes } from '@szpm/core/api'

/** a client that records what the generic statistics calls ask for */
function recordingClient() {
  const calls: string[] = []
  const client = {
    request: async <T, M>(method: string, path: string) => {
      calls.push(`${method} ${path}`)
      return { data: [] as T, meta: {} as M }
    },
    downloadUrl: (path: string, query: Record<string, string | number | boolean | null | undefined> = {}) =>
      `${path}?${new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)])).toString()}`,
  }
  return { calls, api: statisticsApi(client) }
}

test.group('Statistics declarations · the generic pages read them', () => {
  test('every statistics module has its stats routes by convention and a records list whose routes exist', ({ assert }) => {
    assert.isAbove(STATISTICS_MODULES.length, 2)
    for (const module of STATISTICS_MODULES) {
      const routes = statisticsRoutes(module.slug)
      assert.equal(routes.index.path, `stats/${module.slug}`)
      assert.equal(routes.export.path, `stats/${module.slug}/export`)
      const records = recordsOf(module.slug)
      assert.exists(routeByName(records.list), `${module.slug} records list`)
      assert.exists(routeByName(records.export), `${module.slug} records export`)
      assert.isAbove(records.columns.length, 3)
      // a module whose levels end above the estate (平安建设: the community) has no estate to link
      if (!module.statistics!.levels.includes('estate')) continue
      assert.exists(records.estateIdKey, `${module.slug} links its rows to the estate page`)
      assert.lengthOf(records.columns.filter((column) => column.link === 'estate'), 1, `${module.slug} has one estate link column`)
    }
  })

  test('a metric opening its records by a key the list does not read is a declaration problem', ({ assert }) => {
    assert.deepEqual(declarationProblems(), [])
    const metric = projects.statistics!.metrics.residentialEstates as { records?: Readonly<Record<string, string>> }
    const declared = metric.records
    try {
      metric.records = { type: '住宅' }
      assert.deepEqual(declarationProblems(), [
        'metric "residentialEstates" of 项目管理 opens its records by "type", which route "estates.index" does not read',
      ])
    } finally {
      metric.records = declared
    }
    assert.deepEqual(declarationProblems(), [])
  })

  test('a metric opening another records list must name a declared list that reads its keys', ({ assert }) => {
    const metric = staff.statistics!.metrics.estatesMissing as { records?: Readonly<Record<string, string>>; recordsPage?: string }
    const declared = { records: metric.records, recordsPage: metric.recordsPage }
    try {
      metric.recordsPage = 'staff-nowhere'
      assert.deepEqual(declarationProblems(), ['metric "estatesMissing" of 从业人员信息 opens records page "staff-nowhere", which declares no records list'])
      metric.recordsPage = 'staff-estates'
      metric.records = { post: 'manager' }
      assert.deepEqual(declarationProblems(), ['metric "estatesMissing" of 从业人员信息 opens its records by "post", which route "staff_estates.index" does not read'])
      // on the main list (the practitioners) `post` is read
      metric.recordsPage = undefined
      assert.deepEqual(declarationProblems(), [])
    } finally {
      Object.assign(metric, declared)
    }
    assert.deepEqual(declarationProblems(), [])
    assert.equal(recordsOfPage(staff.statistics!, 'staff-estates')?.list, 'staff_estates.index')
    assert.equal(recordsOfPage(staff.statistics!, 'staff-records'), staff.statistics!.records)
    assert.isUndefined(recordsOfPage(staff.statistics!, 'staff'))
    assert.equal(metricRecordsPage(parking.statistics!, parking.statistics!.metrics.estatesWithoutInfo), 'parking-estates')
    assert.equal(metricRecordsPage(parking.statistics!, parking.statistics!.metrics.ownedSpaces), 'parking-spaces')
  })

  test('the generic calls take their paths from the declared routes', async ({ assert }) => {
    const { calls, api } = recordingClient()
    await api.stats('filings', { region_id: 7 })
    await api.records('projects', { region_id: 8, estate_type: '住宅', page: 2 })
    await api.records('evaluations', { year: 2026, half: 1, state: 'submitted' })
    assert.deepEqual(calls, [
      'GET /api/v1/stats/filings?region_id=7',
      `GET /api/v1/estates?region_id=8&estate_type=${encodeURIComponent('住宅')}&page=2`,
      'GET /api/v1/evaluations?year=2026&half=1&state=submitted',
    ])
    assert.equal(api.statsExportUrl('evaluations', { region_id: 4, year: 2026 }), '/api/v1/stats/evaluations/export?region_id=4&year=2026')
    assert.equal(api.recordsExportUrl('filings', { estate_id: 2 }), '/api/v1/filings/estates/export?estate_id=2')
    // another list of a module (`moreRecords`) by its page
    await api.records('staff', { region_id: 7, state: 'missing' }, 'staff-estates')
    assert.equal(calls.at(-1), 'GET /api/v1/staff/estate_states?region_id=7&state=missing')
    assert.equal(api.recordsExportUrl('parking', { state: 'never' }, 'parking-estates'), '/api/v1/parking/estate_states/export?state=never')
    assert.throws(() => api.records('staff', {}, 'staff'), 'module "staff" declares no records list on page "staff"')
    assert.throws(() => api.stats('users'), 'module "users" declares no statistics')
  })
})
