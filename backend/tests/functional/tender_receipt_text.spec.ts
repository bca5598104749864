import { test } from '@japa/runner'
import { E, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { resetCalendar } from '#tests/support/calendar'
import { pdfText } from '#tests/support/pdf_text'
import clock from '#services/clock'

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300, 0x20)])
const at = (moment: string) => clock.travelTo(`${moment}+08:00`)

test.group('打印备案回执 · the text read back from the PDF', (group) => {
  group.setup(() => resetCalendar())
  group.each.setup(async () => {
    await resetWorld()
    at('2026-09-24T09:00:00')
    return () => clock.reset()
  })

  test('PDF.js reads the filing number, estate, tenderer, both reviewers with their opinions and the decision from the receipt', async ({ client, assert }) => {
    const file = await client.post('/api/v1/tenders/attachments').file('file', PDF, { filename: '物业服务招标文件.pdf' }).withCsrfToken().loginAs(await actor('director'))
    file.assertStatus(201)
    const filed = await client.post('/api/v1/tenders').json({
      estate_id: E.e1, tenderer_kind: 'committee', tenderer_name: '翠园小区业主委员会', title: '翠园小区物业服务企业选聘', tender_method: 'public',
      resolution: '翠园业主大会〔2026〕1号决议', contact_name: '李主任', contact_phone: '13800000003', attachments: [file.body().data.token],
    }).withCsrfToken().loginAs(await actor('director'))
    filed.assertStatus(201)
    const { id, filingNo } = filed.body().data
    at('2026-09-25T10:00:00')
    ;(await client.post(`/api/v1/tenders/${id}/first-review`).json({ opinion: 'agree', remark: '与表决内容一致', version: 1 }).withCsrfToken().loginAs(await actor('handler'))).assertStatus(200)
    at('2026-09-28T16:00:00')
    ;(await client.post(`/api/v1/tenders/${id}/final-review`).json({ decision: 'approve', remark: '同意备案', version: 2 }).withCsrfToken().loginAs(await actor('head'))).assertStatus(200)

    const receipt = await client.get(`/api/v1/tenders/${id}/receipt`).loginAs(await actor('director'))
    receipt.assertStatus(200)
    const pages = await pdfText(receipt.body() as Buffer)
    assert.lengthOf(pages, 1)
    const text = pages[0]
    for (const expected of [
      '招标文件备案回执',
      `备案编号：${filingNo}`,
      '翠园小区',
      '翠园小区业主委员会（业主委员会）',
      '翠园小区物业服务企业选聘',
      '园岭经办人（街道办经办人）2026-09-25 10:00 拟同意：与表决内容一致',
      '园岭负责人（街道办负责人）2026-09-28 16:00 同意：同意备案',
      '2026-09-28',
      '经审核，上述招标文件已予备案。',
      `校验码：${receipt.header('x-receipt-digest')}`,
    ]) {
      assert.include(text, expected)
    }
  })
})
