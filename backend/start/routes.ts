/*
| Routes. Everything lives under /api/v1 and answers `{ data, meta }` (or `{ errors }`).
| Every route except login is behind `auth`; data scope is applied inside the services.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const SessionController = () => import('#modules/sessions/session_controller')
const WechatController = () => import('#modules/identity/wechat_controller')
const IdentityController = () => import('#modules/identity/identity_controller')
const FilingStatsController = () => import('#modules/filings/filing_stats_controller')
const EstateFilingsController = () => import('#modules/filings/estate_filings_controller')
const EstatesController = () => import('#modules/estates/estates_controller')
const FilingsController = () => import('#modules/filings/filings_controller')
const ProjectStatsController = () => import('#modules/projects/project_stats_controller')
const AuditLogsController = () => import('#modules/audit/audit_logs_controller')
const UsersController = () => import('#modules/users/users_controller')
const AccountController = () => import('#modules/users/account_controller')
const TodosController = () => import('#modules/todos/todos_controller')
const EvaluationsController = () => import('#modules/evaluations/evaluations_controller')
const EvaluationStatsController = () => import('#modules/evaluations/evaluation_stats_controller')
const EvaluationTemplatesController = () => import('#modules/evaluations/evaluation_templates_controller')
const CalendarController = () => import('#modules/calendar/calendar_controller')

/** a calendar date YYYY-MM-DD (whether it exists, e.g. 02-30, is checked by the controller: 422) */
const calendarDate = { match: /^\d{4}-\d{2}-\d{2}$/ }
/** a four-digit year (the 2000..2100 range is checked by the controller: 422) */
const calendarYear = { match: /^\d{4}$/, cast: (value: string) => Number(value) }

/** a positive PostgreSQL integer (1..2147483647); anything else is a 404 before any query runs */
const id = {
  match: /^(?:[1-9]\d{0,8}|1\d{9}|20\d{8}|21[0-3]\d{7}|214[0-6]\d{6}|2147[0-3]\d{5}|21474[0-7]\d{4}|214748[0-2]\d{3}|2147483[0-5]\d{2}|21474836[0-3]\d|214748364[0-7])$/,
  cast: (value: string) => Number(value),
}

router
  .group(() => {
    router.get('csrf', [SessionController, 'csrf']).as('session.csrf')
    router.post('session/sms', [SessionController, 'sendCode']).as('session.sms')
    router.post('session', [SessionController, 'store']).as('session.store')
    router.get('wechat/authorize', [WechatController, 'authorize']).as('wechat.authorize')
    router.get('wechat/callback', [WechatController, 'callback']).as('wechat.callback')
    router.post('identity/sms', [IdentityController, 'sendCode']).as('identity.sms')
    router.post('identity/bind', [IdentityController, 'bind']).as('identity.bind')

    router
      .group(() => {
        router.get('me', [SessionController, 'show']).as('session.show')
        router.delete('session', [SessionController, 'destroy']).as('session.destroy')
        router.delete('session/all', [SessionController, 'destroyAll']).as('session.destroy_all')

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

        router
          .group(() => {
            router.get('audit-logs', [AuditLogsController, 'index']).as('audit_logs.index')
            router.get('audit-logs/export', [AuditLogsController, 'export']).as('audit_logs.export')
          })
          .use(middleware.feature({ feature: 'audit.view' }))

        // 待办事项 (module 4): the inbox every workflow feeds
        router
          .group(() => {
            router.get('todos', [TodosController, 'index']).as('todos.index')
            router.get('todos/counts', [TodosController, 'counts']).as('todos.counts')
            router.get('todos/export', [TodosController, 'export']).as('todos.export')
          })
          .use(middleware.feature({ feature: 'todos.view' }))

        // 街道社区评价 (module 13)
        router
          .group(() => {
            router.get('evaluations/periods', [EvaluationsController, 'periods']).as('evaluations.periods')
            router.get('stats/evaluations', [EvaluationStatsController, 'index']).as('evaluation_stats.index')
            router.get('evaluations', [EvaluationsController, 'index']).as('evaluations.index')
            router.get('evaluations/:id', [EvaluationsController, 'show']).as('evaluations.show').where('id', id)
          })
          .use(middleware.feature({ feature: 'evaluations.view' }))

        router
          .group(() => {
            router.get('stats/evaluations/export', [EvaluationStatsController, 'export']).as('evaluation_stats.export')
            router.get('evaluations/export', [EvaluationsController, 'export']).as('evaluations.export')
          })
          .use(middleware.feature({ feature: 'evaluations.export' }))

        router
          .group(() => {
            router.post('evaluations/:id/submit', [EvaluationsController, 'submit']).as('evaluations.submit').where('id', id)
            router.post('evaluations/:id/review', [EvaluationsController, 'review']).as('evaluations.review').where('id', id)
          })
          .use(middleware.feature({ feature: 'evaluations.handle' }))

        router
          .group(() => {
            router.get('evaluation-templates', [EvaluationTemplatesController, 'index']).as('evaluation_templates.index')
            router.get('evaluation-templates/export', [EvaluationTemplatesController, 'export']).as('evaluation_templates.export')
            router.post('evaluation-templates', [EvaluationTemplatesController, 'store']).as('evaluation_templates.store')
            router.put('evaluation-templates/:id', [EvaluationTemplatesController, 'update']).as('evaluation_templates.update').where('id', id)
            router.post('evaluation-templates/:id/activate', [EvaluationTemplatesController, 'activate']).as('evaluation_templates.activate').where('id', id)
            router.delete('evaluation-templates/:id', [EvaluationTemplatesController, 'destroy']).as('evaluation_templates.destroy').where('id', id)
          })
          .use(middleware.feature({ feature: 'evaluations.manage' }))

        // 权限管理 (module 3): the 头像 menu on the user's own account, then the accounts they manage
        router.put('me', [AccountController, 'update']).as('account.update')
        router.post('me/phone-code', [AccountController, 'phoneCode']).as('account.phone_code')
        router.post('me/unbind-wechat', [AccountController, 'unbindWechat']).as('account.unbind_wechat')
        router.post('me/deregister', [AccountController, 'deregister']).as('account.deregister')

        router
          .group(() => {
            router.get('users', [UsersController, 'index']).as('users.index')
            router.get('users/export', [UsersController, 'export']).as('users.export')
            router.get('users/stats', [UsersController, 'stats']).as('users.stats')
            router.get('users/stats/export', [UsersController, 'statsExport']).as('users.stats.export')
            router.get('users/stats/:category/:metric', [UsersController, 'statsList']).as('users.stats_list')
            router.get('users/stats/:category/:metric/export', [UsersController, 'statsListExport']).as('users.stats_list.export')
            router.get('users/:id', [UsersController, 'show']).as('users.show').where('id', id)
          })
          .use(middleware.feature({ feature: 'users.view' }))

        router
          .group(() => {
            router.get('users/options', [UsersController, 'options']).as('users.options')
            router.post('users', [UsersController, 'store']).as('users.store')
            router.put('users/:id/features', [UsersController, 'updateFeatures']).as('users.update_features').where('id', id)
          })
          .use(middleware.feature({ feature: 'users.manage' }))

        // 节假日日历: the working-day calendar behind due dates (city admin)
        router
          .group(() => {
            router.get('calendar/years', [CalendarController, 'years']).as('calendar.years')
            router.put('calendar/years/:year', [CalendarController, 'updateYear']).as('calendar.years_update').where('year', calendarYear)
            router.get('calendar/days', [CalendarController, 'days']).as('calendar.days')
            router.get('calendar/days/export', [CalendarController, 'daysExport']).as('calendar.days.export')
            router.put('calendar/days/:date', [CalendarController, 'upsertDay']).as('calendar.days_upsert').where('date', calendarDate)
            router.delete('calendar/days/:date', [CalendarController, 'destroyDay']).as('calendar.days_destroy').where('date', calendarDate)
          })
          .use(middleware.feature({ feature: 'calendar.manage' }))
      })
      .use(middleware.auth())
  })
  .prefix('/api/v1')
  .as('api')
