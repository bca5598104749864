import { defineModule } from './types.ts'

/** PC 登录 (module 2): password + SMS code, sessions, log out everywhere. */
export const sessions = defineModule({
  no: 2,
  name: 'PC 登录',
  slug: 'sessions',
  status: 'live',
  group: 'platform',
  features: { 'sessions.view': '查看登录记录' },
  routes: [
    { name: 'session.csrf', method: 'GET', path: 'csrf', access: 'public', label: '获取安全令牌', query: [] },
    { name: 'session.captcha', method: 'GET', path: 'session/captcha', access: 'public', label: '登录图形验证码', query: [] },
    { name: 'session.sms', method: 'POST', path: 'session/sms', access: 'public', label: '登录短信验证码' },
    { name: 'session.store', method: 'POST', path: 'session', access: 'public', label: '登录' },
    { name: 'session.show', method: 'GET', path: 'me', access: 'session', label: '当前用户', query: [] },
    { name: 'session.destroy', method: 'DELETE', path: 'session', access: 'session', label: '退出登录' },
    { name: 'session.destroy_all', method: 'DELETE', path: 'session/all', access: 'session', label: '退出所有设备' },
  ],
})
