import { computed } from 'vue'
import { STAFF_STALE_DAYS } from '@szpm/core'
import type { EstateReminderResult } from '@szpm/api'
import { api, ApiError } from '@/api/client'
import { currentUser } from '@/stores/session'
import type { PageAction, StatisticsPageHook } from './hooks'

interface RemindOptions {
  feature: string
  key: string
  message: string
  remind: (regionId?: number) => Promise<{ data: EstateReminderResult }>
}

/**
 * A statistics page whose only addition is 提醒更新 (a cell under the figures, for users holding the
 * feature): confirm, then the server's answer — who was reminded, or why nothing was sent.
 */
function useRemindPage(options: RemindOptions): StatisticsPageHook {
  async function run(regionId: number | undefined): Promise<void> {
    const ok = await showConfirmDialog({ title: '提醒更新', message: options.message }).then(() => true, () => false)
    if (!ok) return
    try {
      showSuccessToast((await options.remind(regionId)).data.message)
    } catch (caught) {
      showDialog({ title: '未发送', message: caught instanceof ApiError ? caught.message : '网络异常，请稍后重试' })
    }
  }
  const actions = computed<PageAction[]>(() =>
    currentUser.value?.features.includes(options.feature) ? [{ key: options.key, label: '提醒更新', icon: 'bell', run }] : []
  )
  return { apiQuery: computed(() => ({})), linkQuery: computed(() => ({})), selects: [], onMeta: () => undefined, actions }
}

/** 从业人员信息: the project managers of estates whose staff information is missing or stale */
export const useStaffPage = () =>
  useRemindPage({
    feature: 'staff.remind',
    key: 'staff-remind',
    message: `将向本区域内未填报从业人员信息、或超过 ${STAFF_STALE_DAYS} 天未确认的物业项目的项目经理发送提醒，每位项目经理每天最多提醒一次。`,
    remind: (regionId) => api.staff.remind(regionId),
  })

/** 车位信息: the project managers of estates that never filled their parking information in */
export const useParkingPage = () =>
  useRemindPage({
    feature: 'parking.remind',
    key: 'parking-remind',
    message: '将向本区域内从未填报车位信息的物业项目的项目经理发送提醒，每位项目经理每天最多提醒一次。',
    remind: (regionId) => api.parking.remind(regionId),
  })
