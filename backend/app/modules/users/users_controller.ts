import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import Region from '#models/region'
import { MODULES } from '@szpm/core'
import { findRegionInScope, userRegion } from '#services/region_scope'
import {
  CREATABLE_ROLES,
  FEATURES,
  ROLES,
  ROLE_REGION_LEVEL,
  featuresOf,
  type RoleCode,
} from '#services/roles'
import {
  FieldError,
  createAccount,
  featuresOfRows,
  featuresOfUser,
  findManagedAccount,
  managedAccountsQuery,
  setAccountFeatures,
} from '#modules/users/account_service'
import { STAT_CATEGORIES, STAT_METRICS, statQuery, userStats, type StatCategory, type StatMetric } from '#modules/users/user_stats_service'
import { transformAccount, transformStatItem } from '#modules/users/user_transformer'
import { accountFeaturesValidator, accountListValidator, createAccountValidator, userStatsValidator } from '#modules/users/user_validator'
import { auditGrantChange } from '#services/audit'
import { streamExcel } from '#services/excel_export'
import type { AccountOptions, FeatureGroup, ManagedAccount, UserStatsItem, UserStatsRow } from '@szpm/core'

/** Pages of a list query, for exports that need each page's rows together (features are loaded per page). */
async function* inBatchesOfRows(build: () => { limit(n: number): { offset(n: number): PromiseLike<Record<string, any>[]> } }, size = 1000) {
  for (let offset = 0; ; offset += size) {
    const rows = await build().limit(size).offset(offset)
    if (rows.length > 0) yield rows
    if (rows.length < size) return
  }
}

/** A business rule broken on a field: answered like a validation error. */
export async function answerFieldErrors<T>(ctx: HttpContext, work: () => Promise<T>) {
  try {
    return await work()
  } catch (error) {
    if (error instanceof FieldError) {
      return ctx.response.unprocessableEntity({ errors: [{ message: error.message, field: error.field, rule: 'business' }] })
    }
    throw error
  }
}

export default class UsersController {
  /** 权限管理: the accounts the user manages, filtered and paginated. */
  async index({ request, auth }: HttpContext) {
    const me = auth.getUserOrFail()
    const { region_id, page = 1, per_page = 20, ...filters } = await request.validateUsing(accountListValidator, { data: request.qs() })
    const root = await findRegionInScope(me, region_id)
    const query = managedAccountsQuery(me, root, filters)
    const [{ total }] = await query.clone().clearSelect().clearOrder().count('* as total')
    const rows = await query.limit(per_page).offset((page - 1) * per_page)
    const features = await featuresOfRows(rows)
    return {
      data: rows.map((row) => transformAccount(row, features.get(row.id) ?? [], CREATABLE_ROLES[me.role].includes(row.role))),
      meta: { total: Number(total), page, perPage: per_page },
    }
  }

  /** The same list as index, every page, as Excel (phones stay masked). */
  async export(ctx: HttpContext) {
    const me = ctx.auth.getUserOrFail()
    const { region_id, page: _page, per_page: _perPage, ...filters } = await ctx.request.validateUsing(accountListValidator, { data: ctx.request.qs() })
    const root = await findRegionInScope(me, region_id)
    async function* rows() {
      for await (const batch of inBatchesOfRows(() => managedAccountsQuery(me, root, filters))) {
        const features = await featuresOfRows(batch as { id: number; role: RoleCode }[])
        for (const row of batch) yield transformAccount(row, features.get(row.id) ?? [], false)
      }
    }
    await streamExcel<ManagedAccount>(ctx, `账号-${root.name}`, '账号', [
      { header: '姓名', value: (r) => r.name },
      { header: '手机号', value: (r) => r.phone },
      { header: '角色', width: 18, value: (r) => r.roleName },
      { header: '所属区域', width: 20, value: (r) => r.region.name },
      { header: '功能权限', width: 60, value: (r) => r.features.map((code) => FEATURES[code as keyof typeof FEATURES] ?? code).join('、') },
      { header: '微信', value: (r) => (r.wechatBound ? '已绑定' : '未绑定') },
      { header: '状态', value: (r) => r.statusName },
      { header: '最近登录', width: 22, value: (r) => r.lastLoginAt },
    ], rows())
  }

  async show({ params, auth }: HttpContext) {
    const me = auth.getUserOrFail()
    const user = await findManagedAccount(me, Number(params.id))
    return { data: await this.account(me, user.id), meta: {} }
  }

  /** What the user may choose in 新增: creatable roles, regions, and their own features by module. */
  async options({ auth }: HttpContext) {
    const me = auth.getUserOrFail()
    const own = await featuresOfUser(me)
    const root = await userRegion(me)
    const roles = CREATABLE_ROLES[me.role].map((code) => ({
      code,
      name: ROLES[code].name,
      regionLevel: ROLE_REGION_LEVEL[code],
      defaultFeatures: featuresOf(code).filter((feature) => own.includes(feature)),
    }))
    const levels = [...new Set(roles.map((role) => role.regionLevel))]
    const regions = levels.length
      ? await Region.query()
          .whereIn('level', levels)
          .where((q) => {
            q.where('id', root.id)
            if (root.level === 'city') q.orWhereNotNull('id')
            if (root.level === 'district') q.orWhere('district_id', root.id)
            if (root.level === 'street') q.orWhere('street_id', root.id)
          })
          .orderBy('sort')
          .orderBy('id')
      : []
    const features: FeatureGroup[] = MODULES.map((module) => ({
      no: module.no,
      module: module.name,
      features: Object.entries(module.features)
        .filter(([code]) => own.includes(code as never))
        .map(([code, label]) => ({ code, label })),
    })).filter((group) => group.features.length > 0)
    const data: AccountOptions = { roles, regions: regions.map((r) => ({ id: r.id, level: r.level, name: r.name })), features }
    return { data, meta: {} }
  }

  /** 新增: preset an account (name, phone, role, region, features). */
  async store(ctx: HttpContext) {
    const me = ctx.auth.getUserOrFail()
    const input = await ctx.request.validateUsing(createAccountValidator)
    return answerFieldErrors(ctx, async () => {
      const { user, initialPassword } = await createAccount(me, { ...input, role: input.role as RoleCode })
      ctx.response.status(201)
      return { data: await this.account(me, user.id), meta: { initialPassword } }
    })
  }

  /** 账号赋权: replace the account's features (never beyond the granter's own). */
  async updateFeatures(ctx: HttpContext) {
    const me = ctx.auth.getUserOrFail()
    const { features } = await ctx.request.validateUsing(accountFeaturesValidator)
    const target = await findManagedAccount(me, Number(ctx.params.id), { forChange: true })
    return answerFieldErrors(ctx, async () => {
      const { added, removed } = await setAccountFeatures(me, target, features)
      if (added.length || removed.length) {
        await auditGrantChange(ctx, { targetUserId: target.id, targetUserName: target.name, added, removed })
      }
      return { data: await this.account(me, target.id), meta: { added, removed } }
    })
  }

  /** 用户统计: per role category, units / units without an account / accounts. */
  async stats({ request, auth }: HttpContext) {
    const { region_id } = await request.validateUsing(userStatsValidator, { data: request.qs() })
    const region = await findRegionInScope(auth.getUserOrFail(), region_id)
    return { data: await userStats(region), meta: { region: { id: region.id, level: region.level, name: region.name } } }
  }

  /** 用户统计 as Excel. */
  async statsExport(ctx: HttpContext) {
    const { region_id } = await ctx.request.validateUsing(userStatsValidator, { data: ctx.request.qs() })
    const region = await findRegionInScope(ctx.auth.getUserOrFail(), region_id)
    await streamExcel<UserStatsRow>(ctx, `用户统计-${region.name}`, '用户统计', [
      { header: '角色类别', width: 18, value: (r) => r.name },
      { header: '全部单位', value: (r) => r.units },
      { header: '未开设单位', value: (r) => r.unopened },
      { header: '账户总数', value: (r) => r.accounts },
    ], (await userStats(region)) as UserStatsRow[])
  }

  /** The list behind one 用户统计 number, as Excel (every page). */
  async statsListExport(ctx: HttpContext) {
    const { region_id } = await ctx.request.validateUsing(userStatsValidator, { data: ctx.request.qs() })
    const category = ctx.params.category as StatCategory
    const metric = ctx.params.metric as StatMetric
    if (!Object.hasOwn(STAT_CATEGORIES, category) || !Object.hasOwn(STAT_METRICS, metric)) {
      return ctx.response.notFound({ errors: [{ message: '记录不存在' }] })
    }
    const region = await findRegionInScope(ctx.auth.getUserOrFail(), region_id)
    const { kind, query } = statQuery(region, category, metric)
    async function* rows() {
      for await (const batch of inBatchesOfRows(() => query.clone())) for (const row of batch) yield transformStatItem(kind, row)
    }
    await streamExcel<UserStatsItem>(ctx, `${STAT_CATEGORIES[category]}-${STAT_METRICS[metric]}-${region.name}`, STAT_METRICS[metric], [
      { header: '名称', width: 28, value: (r) => r.name },
      { header: '所属区域', width: 20, value: (r) => r.regionName },
      { header: '联系人 / 手机号', width: 18, value: (r) => r.contact },
      { header: '角色', width: 16, value: (r) => r.roleName },
      { header: '状态', value: (r) => r.statusName },
    ], rows())
  }

  /** The list behind one 用户统计 number. */
  async statsList({ request, params, auth, response }: HttpContext) {
    const { region_id, page = 1, per_page = 20 } = await request.validateUsing(userStatsValidator, { data: request.qs() })
    const category = params.category as StatCategory
    const metric = params.metric as StatMetric
    if (!Object.hasOwn(STAT_CATEGORIES, category) || !Object.hasOwn(STAT_METRICS, metric)) {
      return response.notFound({ errors: [{ message: '记录不存在' }] })
    }
    const region = await findRegionInScope(auth.getUserOrFail(), region_id)
    const { kind, query } = statQuery(region, category, metric)
    const [{ total }] = await db.from(query.clone().clearOrder().as('t')).count('* as total')
    const rows = await query.limit(per_page).offset((page - 1) * per_page)
    return {
      data: rows.map((row: any) => transformStatItem(kind, row)),
      meta: {
        total: Number(total), page, perPage: per_page,
        category, categoryName: STAT_CATEGORIES[category], metric, metricName: STAT_METRICS[metric],
      },
    }
  }

  private async account(me: { role: RoleCode }, id: number) {
    const row = await db.from('users').join('regions as ur', 'ur.id', 'users.region_id')
      .where('users.id', id).select('users.*', 'ur.name as region_name', 'ur.level as region_level').firstOrFail()
    const features = await featuresOfRows([row])
    return transformAccount(row, features.get(row.id) ?? [], CREATABLE_ROLES[me.role].includes(row.role))
  }
}
