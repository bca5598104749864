import { defineModule } from './types.ts'

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
