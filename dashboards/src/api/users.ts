import { api } from './client'

export const { list, show, optionsOrNone, create, setFeatures, stats, statsList, exportUrl, statsExportUrl, statsListExportUrl } = api.users
export const { update: updateMe, sendPhoneCode, unbindWechat, deregister } = api.account
