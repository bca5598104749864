/**
 * A template's declared fields (docs/disclosures.md → 模板字段): validating what a user (or another
 * module) filled in, and composing the published text. Rich text goes through the one sanitiser
 * (#services/rich_text); every other value is escaped, so the stored HTML holds nothing the
 * allow-list would not.
 */
import { DateTime } from 'luxon'
import { escapeHtml, richTextIsEmpty, sanitizeRichText } from '#services/rich_text'
import type { DisclosureFieldType, DisclosureTemplateField } from '@szpm/core'

/** limits a template may not exceed, written once */
export const FIELD_LIMITS = {
  fieldsMax: 20,
  textMax: 200,
  textareaMax: 5000,
  richtextMax: 50_000,
  titleMax: 100,
} as const

const DEFAULT_MAX: Record<DisclosureFieldType, number> = {
  text: FIELD_LIMITS.textMax,
  textarea: FIELD_LIMITS.textareaMax,
  richtext: FIELD_LIMITS.richtextMax,
  date: 10,
  number: 30,
}

export interface FieldProblem {
  field: string
  message: string
  rule: string
}

export type FieldValues = Record<string, string | number>

/** the largest length a field accepts (its own maxLength, bounded by its type's) */
export function fieldMax(field: DisclosureTemplateField) {
  return Math.min(field.maxLength ?? DEFAULT_MAX[field.type], DEFAULT_MAX[field.type])
}

/**
 * Checks `values` against the template's fields: unknown keys, required, type, length. Returns the
 * stored values (trimmed text, sanitised rich text, numbers as numbers) or the field problems
 * (`fields.<key>`, Chinese messages).
 */
export function checkFields(fields: readonly DisclosureTemplateField[], values: Record<string, unknown>): { values: FieldValues; problems: FieldProblem[] } {
  const problems: FieldProblem[] = []
  const clean: FieldValues = {}
  const known = new Set(fields.map((field) => field.key))
  for (const key of Object.keys(values)) {
    if (!known.has(key)) problems.push({ field: `fields.${key}`, message: '模板中没有该字段', rule: 'unknown' })
  }
  for (const field of fields) {
    const path = `fields.${field.key}`
    const raw = values[field.key]
    const blank = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')
    if (blank) {
      if (field.required) problems.push({ field: path, message: `请填写${field.label}`, rule: 'required' })
      continue
    }
    if (field.type === 'number') {
      const number = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : Number.NaN
      if (!Number.isFinite(number) || Math.abs(number) > 1e12) problems.push({ field: path, message: `${field.label}必须是数字`, rule: 'number' })
      else clean[field.key] = number
      continue
    }
    if (typeof raw !== 'string') {
      problems.push({ field: path, message: `${field.label}必须是文本`, rule: 'string' })
      continue
    }
    const text = raw.trim()
    if (text.includes('\u0000')) {
      problems.push({ field: path, message: `${field.label}含有无效字符`, rule: 'regex' })
      continue
    }
    if (text.length > fieldMax(field)) {
      problems.push({ field: path, message: `${field.label}不能超过 ${fieldMax(field)} 个字符`, rule: 'maxLength' })
      continue
    }
    if (field.type === 'date') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || !DateTime.fromISO(text).isValid) problems.push({ field: path, message: `${field.label}不是有效日期（格式 YYYY-MM-DD）`, rule: 'date' })
      else clean[field.key] = text
    } else if (field.type === 'richtext') {
      const html = sanitizeRichText(text)
      if (richTextIsEmpty(html)) {
        if (field.required) problems.push({ field: path, message: `请填写${field.label}`, rule: 'required' })
      } else clean[field.key] = html
    } else {
      clean[field.key] = text
    }
  }
  return { values: clean, problems }
}

/**
 * The published text: each filled field in template order — a label line and the value (rich text
 * as sanitised, the rest escaped, line breaks kept) — sanitised once more as a whole.
 */
export function composeBody(fields: readonly DisclosureTemplateField[], values: FieldValues): string {
  const parts: string[] = []
  for (const field of fields) {
    const value = values[field.key]
    if (value === undefined) continue
    if (field.type === 'richtext') {
      parts.push(fields.length > 1 ? `<p><strong>${escapeHtml(field.label)}：</strong></p>${value}` : String(value))
    } else if (field.type === 'textarea') {
      parts.push(`<p><strong>${escapeHtml(field.label)}：</strong></p><p>${escapeHtml(String(value)).replace(/\r?\n/g, '<br />')}</p>`)
    } else {
      parts.push(`<p><strong>${escapeHtml(field.label)}：</strong>${escapeHtml(String(value))}</p>`)
    }
  }
  return sanitizeRichText(parts.join(''))
}
