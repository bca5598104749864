import { test } from '@japa/runner'
import { readFileSync } from 'node:fs'
import { API_ROUTES, FEATURE_CATALOGUE, LIVE_MODULES, MODULES, declarationProblems, filings, withModulesTable } from '@szpm/core'
import { loadRouteHandlers, routeProblems } from '#start/route_handlers'
import { FEATURE_CODES, ROLE_DEFAULTS } from '#services/roles'

test.group('Module declarations', () => {
  test('the declarations, the handlers and the role defaults agree (what start/routes.ts checks at boot)', async ({ assert }) => {
    assert.deepEqual(declarationProblems(), [])
    assert.deepEqual(routeProblems(await loadRouteHandlers(), ROLE_DEFAULTS), [])
  })

  test('the feature catalogue is the features the modules declare, all 24 modules of the manual included', ({ assert }) => {
    assert.sameMembers(FEATURE_CODES, MODULES.flatMap((module) => Object.keys(module.features)))
    assert.equal(FEATURE_CATALOGUE['filings.export'], '备案情况 · 导出')
    const numbered = new Set(MODULES.map((module) => module.no).filter((no) => no > 0))
    assert.deepEqual([...numbered].sort((a, b) => a - b), Array.from({ length: 24 }, (_, i) => i + 1))
  })

  test('a declared route without a handler stops the boot with a message naming it and its module file', async ({ assert }) => {
    const handlers = await loadRouteHandlers()
    handlers.delete('filings.update')
    const problems = routeProblems(handlers, ROLE_DEFAULTS)
    assert.lengthOf(problems, 1)
    assert.include(problems[0], '"filings.update"')
    assert.include(problems[0], 'app/modules/filings/routes.ts')
  })

  test('a handler for an undeclared route, a feature outside the catalogue and a bad role default are refused', async ({ assert }) => {
    const handlers = await loadRouteHandlers()
    handlers.set('filings.purge', handlers.get('filings.destroy')!)
    const unknownFeature = { ...API_ROUTES.find((route) => route.name === 'filings.update')!, access: 'filings.purge' }
    const routes = [...API_ROUTES.filter((route) => route.name !== 'filings.update'), unknownFeature]
    const problems = routeProblems(handlers, { ...ROLE_DEFAULTS, street_handler: ['filings.view', 'filing.view'] }, routes)
    assert.includeMembers(problems, [
      'a handler is registered for "filings.purge", which no module declares',
      'route "filings.update" needs feature "filings.purge", which is not in the catalogue',
      'role street_handler defaults to feature "filing.view", which is not in the catalogue',
    ])
  })

  test('only live modules register routes; every live route belongs to a module with that slug folder', ({ assert }) => {
    assert.isTrue(API_ROUTES.every((route) => route.module.status === 'live'))
    assert.isTrue(LIVE_MODULES.includes(filings))
    assert.equal(API_ROUTES.filter((route) => route.module === filings).length, filings.routes!.length)
  })
})

test.group('Module declarations · docs', () => {
  test('the module table of docs/modules.md is the one the declarations generate', ({ assert }) => {
    const markdown = readFileSync(new URL('../../../docs/modules.md', import.meta.url), 'utf8')
    assert.equal(markdown, withModulesTable(markdown), 'run `node scripts/modules_table.mjs`')
    assert.include(markdown, '| 6 | 备案情况 | `filings` | **live** |')
  })
})
