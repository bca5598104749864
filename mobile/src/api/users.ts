import { api } from './client'

export const { list, optionsOrNone, create, setFeatures, stats, statsList } = api.users
export const { update: updateMe, sendPhoneCode, unbindWechat, deregister } = api.account
