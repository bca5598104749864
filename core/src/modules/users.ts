import { defineModule } from './types.ts'

/** 权限管理 (module 3): the 头像 menu's own account, accounts a head manages, 用户统计. */
export const users = defineModule({
  no: 3,
  name: '权限管理',
  slug: 'users',
  status: 'live',
  group: 'platform',
  features: { 'users.view': '账号查询与用户统计', 'users.manage': '新增账号与账号赋权' },
  routes: [
    { name: 'account.update', method: 'PUT', path: 'me', access: 'session', label: '修改个人信息' },
    { name: 'account.phone_code', method: 'POST', path: 'me/phone-code', access: 'session', label: '更换手机号验证码' },
    { name: 'account.unbind_wechat', method: 'POST', path: 'me/unbind-wechat', access: 'session', label: '解绑微信' },
    { name: 'account.deregister', method: 'POST', path: 'me/deregister', access: 'session', label: '注销账号' },
    { name: 'users.index', method: 'GET', path: 'users', access: 'users.view', label: '账号列表', scoped: true },
    { name: 'users.export', method: 'GET', path: 'users/export', access: 'users.view', label: '导出账号列表', scoped: true },
    { name: 'users.stats', method: 'GET', path: 'users/stats', access: 'users.view', label: '用户统计', scoped: true },
    { name: 'users.stats.export', method: 'GET', path: 'users/stats/export', access: 'users.view', label: '导出用户统计', scoped: true },
    { name: 'users.stats_list', method: 'GET', path: 'users/stats/:category/:metric', access: 'users.view', label: '用户统计明细', params: { category: 'slug', metric: 'slug' }, scoped: true },
    { name: 'users.stats_list.export', method: 'GET', path: 'users/stats/:category/:metric/export', access: 'users.view', label: '导出用户统计明细', params: { category: 'slug', metric: 'slug' }, scoped: true },
    { name: 'users.show', method: 'GET', path: 'users/:id', access: 'users.view', label: '账号详情', params: { id: 'id' }, scoped: true },
    { name: 'users.options', method: 'GET', path: 'users/options', access: 'users.manage', label: '可新增的角色与区域' },
    { name: 'users.store', method: 'POST', path: 'users', access: 'users.manage', label: '新增账号', scoped: true },
    { name: 'users.update_features', method: 'PUT', path: 'users/:id/features', access: 'users.manage', label: '账号赋权', params: { id: 'id' }, scoped: true },
  ],
  pages: [
    { name: 'admin-users', path: '/admin/users', title: '权限管理', feature: 'users.manage', apps: ['pc', 'h5'], menu: true },
    { name: 'admin-user-stats', path: '/admin/user-stats', title: '用户统计', feature: 'users.view', apps: ['pc', 'h5'], menu: true },
    { name: 'admin-user-stats-list', path: '/admin/user-stats/:category/:metric', title: '用户统计明细', feature: 'users.view', apps: ['pc'] },
  ],
  tile: { label: '权限管理', icon: 'setting-o', page: 'admin-users' },
})
