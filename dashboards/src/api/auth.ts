import { api } from './client'

export const { me, login, logout, logoutAll, sendLoginCode, loginCaptcha } = api.auth
