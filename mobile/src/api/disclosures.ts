import { api } from './client'

/** 信息公开 (module 16): 信息公开查询, 公示公告 */
export const disclosures = api.disclosures
/** 居代业管理 (module 23) */
export const proxyGovernance = api.proxyGovernance

/** plain text typed on the phone → the paragraphs of an announcement (the server sanitises it again) */
export function paragraphs(text: string): string {
  const escape = (line: string) => line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `<p>${escape(line)}</p>`)
    .join('')
}
