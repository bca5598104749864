import { h, type FunctionalComponent } from 'vue'
import { STAFF_STALE_DAYS } from '@szpm/core'
import { api } from '@/api/client'
import type { StatisticsExtension } from './index'
import RemindButton from './RemindButton.vue'

type RemindOptions = InstanceType<typeof RemindButton>['$props']

/** A statistics page whose only addition is 提醒更新 in its header (the numbers need nothing beyond the region). */
function remindExtension(options: Pick<RemindOptions, 'feature' | 'testId' | 'question' | 'remind'>): StatisticsExtension {
  const links: FunctionalComponent<{ regionId?: number; linkQuery?: Readonly<Record<string, string>> }> = (props) => h(RemindButton, { ...props, ...options })
  return { params: [], apiQuery: () => ({}), overviewLinks: links }
}

/** 从业人员信息: the project managers of estates whose staff information is missing or stale */
export const staffExtension = remindExtension({
  feature: 'staff.remind',
  testId: 'staff-remind',
  question: `将向本区域内未填报从业人员信息、或超过 ${STAFF_STALE_DAYS} 天未确认的物业项目的项目经理发送提醒（站内消息，已绑定微信的同时发送微信消息），每位项目经理每天最多提醒一次。确定提醒？`,
  remind: (regionId) => api.staff.remind(regionId),
})

/** 车位信息: the project managers of estates that never filled their parking information in */
export const parkingExtension = remindExtension({
  feature: 'parking.remind',
  testId: 'parking-remind',
  question: '将向本区域内从未填报车位信息的物业项目的项目经理发送提醒（站内消息，已绑定微信的同时发送微信消息），每位项目经理每天最多提醒一次。确定提醒？',
  remind: (regionId) => api.parking.remind(regionId),
})
