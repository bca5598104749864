/** 权限管理 (module 3): the accounts the user manages, 用户统计, and the 头像 menu's own account. */
import type { Http, Query } from './http.ts'
import type {
  AccountListQuery,
  AccountOptions,
  CurrentUser,
  ManagedAccount,
  NewAccountInput,
  PageMeta,
  UserStatCategory,
  UserStatMetric,
  UserStatsItem,
  UserStatsListMeta,
  UserStatsRow,
} from './types.ts'

export function usersApi(http: Http) {
  return {
    list: (query: AccountListQuery) => http.call<ManagedAccount[], PageMeta>('users.index', { query: query as Query }),
    exportUrl: (query: AccountListQuery) => http.url('users.export', { query: query as Query }),
    show: (id: number) => http.call<ManagedAccount>('users.show', { params: { id } }),
    options: () => http.call<AccountOptions>('users.options'),
    /** the account forms' choices (roles, regions, features); none when they cannot be loaded, so the forms offer nothing */
    optionsOrNone: (): Promise<AccountOptions> =>
      http.call<AccountOptions>('users.options').then(
        (response) => response.data,
        () => ({ roles: [], regions: [], features: [] })
      ),
    create: (input: NewAccountInput) => http.call<ManagedAccount, { initialPassword: string | null }>('users.store', { body: input }),
    setFeatures: (id: number, features: string[]) => http.call<ManagedAccount>('users.update_features', { params: { id }, body: { features } }),
    stats: (regionId?: number) => http.call<UserStatsRow[]>('users.stats', { query: { region_id: regionId } }),
    statsExportUrl: (regionId?: number) => http.url('users.stats.export', { query: { region_id: regionId } }),
    statsListExportUrl: (category: UserStatCategory, metric: UserStatMetric, regionId?: number) =>
      http.url('users.stats_list.export', { params: { category, metric }, query: { region_id: regionId } }),
    statsList: (category: UserStatCategory, metric: UserStatMetric, query: { region_id?: number; page?: number; per_page?: number } = {}) =>
      http.call<UserStatsItem[], UserStatsListMeta>('users.stats_list', { params: { category, metric }, query }),
  }
}

/** 头像 menu: the signed-in user's own account */
export function accountApi(http: Http) {
  return {
    update: (input: { name?: string; phone?: string; code?: string }) => http.call<CurrentUser>('account.update', { body: input }),
    sendPhoneCode: (phone: string) => http.call<{ expiresIn: number; resendIn: number }>('account.phone_code', { body: { phone } }),
    unbindWechat: () => http.call<{ unbound: boolean }>('account.unbind_wechat'),
    deregister: (password: string) => http.call<null>('account.deregister', { body: { password } }),
  }
}
