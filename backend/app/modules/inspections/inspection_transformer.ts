import { INSPECTION_RESULTS, INSPECTION_TARGET_MODES, INSPECTION_TARGET_STATES, type InspectionResult, type InspectionTargetMode, type InspectionTargetState } from '@szpm/core'

const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null)

/** a target as the records list (穿透), the project manager's list and the export show it */
export function transformInspectionTarget(row: Record<string, any>) {
  const state = row.state as InspectionTargetState
  return {
    id: Number(row.id),
    taskId: Number(row.task_id),
    taskTitle: row.task_title as string,
    deadline: row.deadline as string,
    estateId: Number(row.estate_id),
    estateName: row.estate_name as string,
    companyName: (row.company_name as string | null) ?? '',
    districtName: (row.district_name as string | null) ?? '',
    streetName: (row.street_name as string | null) ?? '',
    communityName: (row.community_name as string | null) ?? '',
    state,
    stateName: INSPECTION_TARGET_STATES[state],
    version: Number(row.version),
    items: Number(row.items),
    problems: Number(row.problems),
    rectifiedProblems: Number(row.rectified_problems),
    submittedAt: iso(row.submitted_at),
    rectifiedAt: iso(row.rectified_at),
  }
}
export type InspectionTargetRow = ReturnType<typeof transformInspectionTarget>

/** a task with the counts of the reader's scope */
export function transformInspectionTask(row: Record<string, any>) {
  const targets = Number(row.targets)
  const completed = Number(row.completed)
  return {
    id: Number(row.id),
    title: row.title as string,
    deadline: row.deadline as string,
    targetMode: row.target_mode as InspectionTargetMode,
    targetModeName: INSPECTION_TARGET_MODES[row.target_mode as InspectionTargetMode],
    publisherRegion: row.publisher_region as string,
    publisherName: (row.publisher_name as string | null) ?? '',
    createdAt: iso(row.created_at),
    items: Number(row.items),
    targets,
    completed,
    pending: targets - completed,
    completionRate: targets === 0 ? 0 : completed / targets,
    problems: Number(row.problems),
    rectifiedProblems: Number(row.rectified_problems),
  }
}

/** one target with its checklist, answers and photos (the 填报 page) */
export function transformInspectionTargetDetail(detail: { row: Record<string, any>; items: Record<string, any>[]; photos: Record<string, any>[]; canFill: boolean; today: string }) {
  const target = transformInspectionTarget(detail.row)
  const open = target.state === 'pending' || target.state === 'rectifying'
  return {
    ...target,
    closed: detail.today > target.deadline,
    canFill: detail.canFill && open && detail.today <= target.deadline,
    checklist: detail.items.map((item) => ({
      id: Number(item.id),
      position: Number(item.position),
      content: item.content as string,
      photoRequired: Boolean(item.photo_required),
      answer: item.answer_id
        ? {
            result: item.result as InspectionResult,
            resultName: INSPECTION_RESULTS[item.result as InspectionResult],
            description: item.description as string,
            measures: item.measures as string,
            rectified: Boolean(item.rectified),
            rectifiedOn: (item.rectified_on as string | null) ?? null,
            photos: detail.photos
              .filter((photo) => photo.answer_id === item.answer_id)
              .map((photo) => ({ id: Number(photo.id), fileName: photo.file_name as string, sizeBytes: Number(photo.size_bytes) })),
          }
        : null,
    })),
  }
}

/** a property company's counts (安全检查企业统计) */
export function transformInspectionCompany(row: Record<string, any>) {
  const targets = Number(row.targets)
  const problems = Number(row.problems)
  return {
    companyName: row.company_name as string,
    estates: Number(row.estates),
    targets,
    completed: Number(row.completed),
    pending: Number(row.pending),
    overdue: Number(row.overdue),
    completionRate: targets === 0 ? 0 : Number(row.completed) / targets,
    problems,
    rectifiedProblems: Number(row.rectified_problems),
    rectificationRate: problems === 0 ? 0 : Number(row.rectified_problems) / problems,
  }
}
export type InspectionCompanyRow = ReturnType<typeof transformInspectionCompany>
