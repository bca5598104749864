import type { EvaluationTemplate, EvaluationTemplateStatus } from '@szpm/core'

export const TEMPLATE_STATUS_NAMES: Record<EvaluationTemplateStatus, string> = { draft: '草稿', active: '启用中', retired: '已停用' }

export function transformEvaluationTemplate(row: any): EvaluationTemplate {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    statusName: TEMPLATE_STATUS_NAMES[row.status as EvaluationTemplateStatus],
    items: row.items,
    version: row.version,
    usedBy: Number(row.used_by ?? 0),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    activatedAt: row.activated_at ? new Date(row.activated_at).toISOString() : null,
  }
}
