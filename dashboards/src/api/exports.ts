import { api } from './client'

export const { tables, runs, run, request, downloadUrl, exportUrl, subscriptions, subscribe, unsubscribe } = api.exports
