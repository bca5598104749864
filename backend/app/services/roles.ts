/**
 * Roles from the product spec §1: who they are and which level of the region tree scopes them.
 * Feature permissions (功能权限) come with the identity issue; for now each role carries a fixed set.
 */
export const ROLES = {
  city_admin: { name: '市住建局管理员', scope: 'city' },
  district_admin: { name: '区局负责人', scope: 'district' },
  street_head: { name: '街道办负责人', scope: 'street' },
  street_handler: { name: '街道办经办人', scope: 'street' },
  party_secretary: { name: '党支部书记', scope: 'street' },
  community_head: { name: '社区负责人', scope: 'community' },
  community_handler: { name: '社区经办人', scope: 'community' },
} as const

export type RoleCode = keyof typeof ROLES

export const FEATURES = {
  'filings.view': '备案情况 · 查看',
  'filings.export': '备案情况 · 导出',
  'filings.manage': '备案情况 · 登记与变更',
  'projects.view': '项目管理 · 查看',
  'projects.export': '项目管理 · 导出',
  'audit.view': '审计日志 · 查询',
  'personal_data.unmask': '个人信息 · 查看完整号码（留痕）',
} as const

export type FeatureCode = keyof typeof FEATURES

const ROLE_FEATURES: Record<RoleCode, FeatureCode[]> = {
  city_admin: ['filings.view', 'filings.export', 'projects.view', 'projects.export', 'audit.view'],
  district_admin: ['filings.view', 'filings.export', 'projects.view', 'projects.export'],
  street_head: ['filings.view', 'filings.export', 'filings.manage', 'projects.view', 'projects.export'],
  street_handler: ['filings.view', 'filings.export', 'filings.manage', 'projects.view', 'projects.export'],
  party_secretary: ['filings.view', 'projects.view'],
  community_head: ['filings.view', 'filings.export', 'projects.view', 'projects.export'],
  community_handler: ['filings.view', 'projects.view'],
}

export function featuresOf(role: RoleCode): FeatureCode[] {
  return ROLE_FEATURES[role] ?? []
}
