import { defineModule } from './types.ts'

/**
 * Whom the H5 binds (the identity page's first step): each preset account belongs to exactly one
 * type, and binding with another type is refused. An owner has no preset account: the house register
 * must name them (name + phone) and binding creates their owner account (电子投票, docs/voting.md).
 */
export const IDENTITY_TYPES = {
  government: { title: '各级政府物业监管部门人员', description: '市、区住建部门，街道办，社区工作人员' },
  project_manager: { title: '物业服务企业项目经理', description: '物业服务企业在管物业项目的项目经理' },
  committee_director: { title: '业主委员会主任', description: '小区业主委员会主任' },
  owner: { title: '业主', description: '房屋登记中的业主，参与电子投票' },
} as const
export type IdentityType = keyof typeof IDENTITY_TYPES

/** The identity type of an account's role (null: the role cannot bind on the H5). */
export function identityTypeOfRole(role: string): IdentityType | null {
  if (role === 'project_manager' || role === 'committee_director') return role
  if (role === 'owner') return 'owner'
  return 'government'
}

/** 微信端身份认证 (module 1): WeChat authorisation and binding to a preset account on the H5. */
export const identity = defineModule({
  no: 1,
  name: '微信端身份认证',
  slug: 'identity',
  status: 'live',
  group: 'platform',
  features: { 'identity.view': '查看绑定情况' },
  routes: [
    { name: 'wechat.authorize', method: 'GET', path: 'wechat/authorize', access: 'public', label: '微信授权' },
    { name: 'wechat.callback', method: 'GET', path: 'wechat/callback', access: 'public', label: '微信授权回调' },
    { name: 'identity.sms', method: 'POST', path: 'identity/sms', access: 'public', label: '身份认证短信验证码' },
    { name: 'identity.bind', method: 'POST', path: 'identity/bind', access: 'public', label: '微信身份绑定' },
  ],
})
