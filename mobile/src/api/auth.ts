import type { CodeSent, CurrentUser } from '@szpm/api'
import type { IdentityType } from '@szpm/core'
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

export async function sendIdentityCode(name: string, phone: string, identityType: IdentityType): Promise<CodeSent> {
  return (await api.identity.sendCode(name, phone, identityType)).data
}

export async function bindIdentity(name: string, phone: string, code: string, identityType: IdentityType): Promise<CurrentUser> {
  return (await api.identity.bind(name, phone, code, identityType)).data
}
