import type { CodeSent, CurrentUser } from '@szpm/api'
import { api } from './client'

export async function fetchMe(): Promise<CurrentUser> {
  return (await api.auth.me()).data
}

export async function logout(): Promise<void> {
  await api.auth.logout()
}

/** Full-page address that starts WeChat web authorisation and comes back to `path` (an H5 route path). */
export function wechatAuthorizeUrl(path = '/'): string {
  return api.identity.authorizeUrl(`/m${path.startsWith('/') ? path : `/${path}`}`)
}

export async function sendIdentityCode(name: string, phone: string): Promise<CodeSent> {
  return (await api.identity.sendCode(name, phone)).data
}

export async function bindIdentity(name: string, phone: string, code: string): Promise<CurrentUser> {
  return (await api.identity.bind(name, phone, code)).data
}
