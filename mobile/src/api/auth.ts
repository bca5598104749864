import type { CurrentUser } from '@szpm/api'
import { api } from './client'

export async function fetchMe(): Promise<CurrentUser> {
  return (await api.auth.me()).data
}

export async function login(phone: string, password: string): Promise<CurrentUser> {
  return (await api.auth.login(phone, password)).data
}

export async function logout(): Promise<void> {
  await api.auth.logout()
}
