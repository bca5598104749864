/*
| Routes. Everything lives under /api/v1 and answers `{ data, meta }` (or `{ errors }`).
| Every route except login is behind `auth`; data scope is applied inside the services.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const SessionController = () => import('#controllers/session_controller')
const FilingStatsController = () => import('#controllers/filing_stats_controller')
const EstateFilingsController = () => import('#controllers/estate_filings_controller')
const EstatesController = () => import('#controllers/estates_controller')
const FilingsController = () => import('#controllers/filings_controller')
const ProjectStatsController = () => import('#controllers/project_stats_controller')

const id = router.matchers.number()

router
  .group(() => {
    router.get('csrf', [SessionController, 'csrf']).as('session.csrf')
    router.post('session', [SessionController, 'store']).as('session.store')

    router
      .group(() => {
        router.get('me', [SessionController, 'show']).as('session.show')
        router.delete('session', [SessionController, 'destroy']).as('session.destroy')

        router
          .group(() => {
            router.get('stats/filings', [FilingStatsController, 'index']).as('filing_stats.index')
            router.get('filings/estates', [EstateFilingsController, 'index']).as('estate_filings.index')
            router.get('estates/:id', [EstatesController, 'show']).as('estates.show').where('id', id)
            router.get('estates/:id/filings', [FilingsController, 'index']).as('filings.index').where('id', id)
          })
          .use(middleware.feature({ feature: 'filings.view' }))

        router
          .group(() => {
            router.get('stats/filings/export', [FilingStatsController, 'export']).as('filing_stats.export')
            router.get('filings/estates/export', [EstateFilingsController, 'export']).as('estate_filings.export')
          })
          .use(middleware.feature({ feature: 'filings.export' }))

        router
          .group(() => {
            router.post('filings', [FilingsController, 'store']).as('filings.store')
            router.patch('filings/:id', [FilingsController, 'update']).as('filings.update').where('id', id)
            router.delete('filings/:id', [FilingsController, 'destroy']).as('filings.destroy').where('id', id)
          })
          .use(middleware.feature({ feature: 'filings.manage' }))

        router
          .group(() => {
            router.get('stats/projects', [ProjectStatsController, 'index']).as('project_stats.index')
            router.get('estates', [EstatesController, 'index']).as('estates.index')
          })
          .use(middleware.feature({ feature: 'projects.view' }))

        router
          .group(() => {
            router.get('stats/projects/export', [ProjectStatsController, 'export']).as('project_stats.export')
            router.get('estates/export', [EstatesController, 'export']).as('estates.export')
          })
          .use(middleware.feature({ feature: 'projects.export' }))
      })
      .use(middleware.auth())
  })
  .prefix('/api/v1')
  .as('api')
