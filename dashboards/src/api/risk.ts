import { api } from './client'

/** 物业项目风险预警's own calls; its statistics and estates list go through ./statistics */
export const { settings, saveSettings } = api.risk
