import { api } from './client'

export const { me, login, logout } = api.auth
