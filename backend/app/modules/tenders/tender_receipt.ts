/**
 * 打印备案回执: the PDF receipt of a finally approved 招标文件备案 (pdfkit, the Noto CJK font of the
 * system's fonts-noto-cjk package embedded as a subset, a QR code opening the filing's page).
 *
 * Everything printed comes from `receiptContent` — the record's fields, the reviewers and the decision
 * from the history — and its digest (SHA-256 of the canonical JSON, first 16 hex digits, printed as 校验码
 * and sent as `X-Receipt-Digest`): generated again from the same record the content and the digest are
 * the same, whatever the time of printing. The PDF's dates are the decision's, not the printing's.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import PDFDocument from 'pdfkit'
import QRCode from 'qrcode'
import env from '#start/env'
import { shenzhenDate } from '#modules/tenders/tender_sla'
import type { TenderDetail } from '@szpm/core'

const FONT_FILE = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
const FONT_NAME = 'NotoSansCJKsc-Regular'

export interface ReceiptContent {
  filingNo: string
  estate: string
  place: string
  tenderer: string
  title: string
  tenderMethod: string
  resolution: string
  submittedOn: string
  firstReview: string
  finalReview: string
  approvedOn: string
  rounds: number
  verifyUrl: string
}

const dateTime = (iso: string) => {
  const date = shenzhenDate(iso)
  const time = new Date(iso).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, hour: '2-digit', minute: '2-digit' })
  return `${date} ${time}`
}

/** what the receipt prints, from the filing's detail (an approved one) */
export function receiptContent(detail: TenderDetail): ReceiptContent {
  const last = <T extends { action: string }>(entries: T[], actions: string[]) => [...entries].reverse().find((entry) => actions.includes(entry.action))
  const first = last(detail.history, ['propose_approve', 'propose_reject'])
  const final = last(detail.history, ['approve'])
  const round = detail.rounds.at(-1)
  const person = (entry: typeof first) => (entry ? `${entry.actor?.name ?? '系统'}（${entry.actor?.roleName ?? ''}）${dateTime(entry.at)} ${entry.actionName.replace(/^.*：/, '')}${entry.remark ? `：${entry.remark}` : ''}` : '—')
  return {
    filingNo: detail.filingNo,
    estate: detail.estateName,
    place: `${detail.streetName} ${detail.communityName}`,
    tenderer: `${detail.tendererName}（${detail.tendererKindName}）`,
    title: detail.title,
    tenderMethod: detail.tenderMethodName,
    resolution: detail.resolution || '—',
    submittedOn: round ? dateTime(round.submittedAt) : '—',
    firstReview: person(first),
    finalReview: person(final),
    approvedOn: detail.decidedAt ? shenzhenDate(detail.decidedAt) : '—',
    rounds: detail.rounds.length,
    verifyUrl: `${env.get('APP_URL').replace(/\/$/, '')}/tenders/${detail.id}`,
  }
}

export function receiptDigest(content: ReceiptContent): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16)
}

/** the receipt as a PDF buffer; `compress: false` keeps the content streams readable (tests) */
export async function renderReceipt(content: ReceiptContent, options: { compress?: boolean } = {}): Promise<Buffer> {
  const digest = receiptDigest(content)
  const approved = content.approvedOn === '—' ? new Date(0) : new Date(`${content.approvedOn}T00:00:00+08:00`)
  const doc = new PDFDocument({
    size: 'A4', margin: 56, compress: options.compress ?? true,
    info: { Title: `招标文件备案回执 ${content.filingNo}`, Author: '物业管理信息平台', CreationDate: approved, ModDate: approved },
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  if (existsSync(FONT_FILE)) doc.registerFont('cjk', FONT_FILE, FONT_NAME)
  const cjk = existsSync(FONT_FILE) ? 'cjk' : 'Helvetica'

  doc.font(cjk).fontSize(20).text('招标文件备案回执', { align: 'center' })
  doc.moveDown(0.3).fontSize(10).fillColor('#555').text(`备案编号：${content.filingNo}`, { align: 'center' }).fillColor('#000')
  doc.moveDown(1)
  const rows: [string, string][] = [
    ['物业项目', content.estate],
    ['所属街道、社区', content.place],
    ['招标人', content.tenderer],
    ['招标项目名称', content.title],
    ['招标方式', content.tenderMethod],
    ['业主大会决议 / 依据', content.resolution],
    ['提交时间', content.submittedOn],
    ['初审', content.firstReview],
    ['终审', content.finalReview],
    ['备案日期', content.approvedOn],
    ['办理轮次', `共 ${content.rounds} 轮`],
  ]
  doc.fontSize(11)
  for (const [label, value] of rows) {
    const y = doc.y
    doc.font(cjk).fillColor('#555').text(label, 56, y, { width: 120 })
    doc.fillColor('#000').text(value, 186, y, { width: 353 })
    doc.moveDown(0.6)
  }
  doc.moveDown(1).fontSize(11).text('经审核，上述招标文件已予备案。', 56)
  const qr = await QRCode.toBuffer(content.verifyUrl, { type: 'png', margin: 1, width: 180, errorCorrectionLevel: 'M' })
  const qrY = doc.y + 16
  doc.image(qr, 56, qrY, { width: 110 })
  doc.fontSize(9).fillColor('#555').text('扫码核验备案记录', 56, qrY + 114, { width: 140 })
  doc.font('Helvetica').fontSize(9).text(`Digest ${digest}`, 186, qrY + 20)
  doc.font(cjk).text(`校验码：${digest}（由备案记录生成，重新打印内容不变）`, 186, qrY + 36, { width: 353 })
  doc.text(`核验地址：${content.verifyUrl}`, 186, qrY + 52, { width: 353 })
  doc.end()
  return done
}
