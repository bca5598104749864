import { DISCLOSURE_SOURCES, DISCLOSURE_STATES, type DisclosureDetail, type DisclosureRow, type DisclosureTemplate } from '@szpm/core'
import type { DisclosureRecord, TemplateRecord } from '#modules/disclosures/disclosure_service'

const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null)

export function transformTemplate(row: TemplateRecord): DisclosureTemplate {
  return { id: row.id, code: row.code, name: row.name, fields: row.fields, system: row.system, active: row.active, version: row.version }
}

export function transformDisclosure(row: DisclosureRecord): DisclosureRow {
  return {
    id: row.id,
    title: row.title,
    templateId: row.template_id,
    templateName: row.template_name,
    estateId: row.estate_id,
    estateName: row.estate_name,
    communityName: row.community_name,
    streetName: row.street_name,
    state: row.state,
    stateName: DISCLOSURE_STATES[row.state],
    source: row.source,
    sourceName: DISCLOSURE_SOURCES[row.source],
    sourceId: row.source_id,
    publishedAt: iso(row.published_at),
    publishedByName: row.published_by_name,
    voidedAt: iso(row.voided_at),
    voidReason: row.void_reason,
    createdAt: iso(row.created_at)!,
    version: row.version,
  }
}

export function transformDisclosureDetail(
  detail: { row: DisclosureRecord; template: TemplateRecord },
  can: DisclosureDetail['can']
): DisclosureDetail {
  return {
    ...transformDisclosure(detail.row),
    fields: detail.row.fields ?? {},
    bodyHtml: detail.row.body_html ?? '',
    template: transformTemplate(detail.template),
    voidedByName: detail.row.voided_by_name,
    can,
  }
}
