import type { HttpContext } from '@adonisjs/core/http'
import { ART_278_ITEM_NAMES } from '@szpm/core'
import MeetingService, { type MeetingTopicLine } from '#modules/voting/meeting_service'
import { excelTime, streamExcel, type ExcelColumn } from '#services/excel_export'
import { transformMeeting, transformTopic } from '#modules/voting/voting_transformer'
import { createMeetingValidator, meetingListValidator, meetingVersionValidator } from '#modules/voting/voting_validator'

/** 表决会议: list, convene (draft), read with the tally, publish, close and tally (`voting_meetings.*`). */
export default class MeetingsController {
  #service = new MeetingService()

  async index({ request, auth }: HttpContext) {
    const { page = 1, per_page = 20, ...filters } = await request.validateUsing(meetingListValidator, { data: request.qs() })
    const { meetings, total } = await this.#service.list(auth.getUserOrFail(), { ...filters, page, perPage: per_page })
    return { data: meetings.map(transformMeeting), meta: { total, page, perPage: per_page } }
  }

  /** 导出表决结果: one row per topic of the listed meetings, with the six numbers and the verdict */
  async export(ctx: HttpContext) {
    const { page: _page, per_page: _perPage, ...filters } = await ctx.request.validateUsing(meetingListValidator, { data: ctx.request.qs() })
    const lines = await this.#service.topicLines(ctx.auth.getUserOrFail(), filters)
    const result = (pick: (t: NonNullable<ReturnType<typeof transformTopic>['result']>) => string | number) =>
      (line: MeetingTopicLine) => { const r = transformTopic(line.topic).result; return r ? pick(r) : null }
    const columns: ExcelColumn<MeetingTopicLine>[] = [
      { header: '物业项目', width: 24, value: (l) => l.meeting.estateName },
      { header: '会议名称', width: 28, value: (l) => l.meeting.title },
      { header: '会议类型', value: (l) => transformMeeting(l.meeting).kindName },
      { header: '召集人', value: (l) => transformMeeting(l.meeting).convenerName },
      { header: '投票开始', width: 20, value: (l) => excelTime(transformMeeting(l.meeting).opensAt) },
      { header: '投票结束', width: 20, value: (l) => excelTime(transformMeeting(l.meeting).closesAt) },
      { header: '状态', value: (l) => transformMeeting(l.meeting).statusName },
      { header: '议题', width: 30, value: (l) => `${l.topic.seq}. ${l.topic.title}` },
      { header: '民法典第二百七十八条事项', width: 30, value: (l) => `第${l.topic.item}项 ${ART_278_ITEM_NAMES[l.topic.item]}` },
      { header: '专有部分总面积(㎡)', value: result((r) => r.totalArea) },
      { header: '业主总人数', value: result((r) => r.totalOwners) },
      { header: '参与表决面积(㎡)', value: result((r) => r.participatingArea) },
      { header: '参与表决人数', value: result((r) => r.participatingOwners) },
      { header: '同意面积(㎡)', value: result((r) => r.agreeArea) },
      { header: '同意人数', value: result((r) => r.agreeOwners) },
      { header: '表决结果', value: (l) => (l.meeting.status === 'closed' && l.topic.tally ? (l.topic.tally.passed ? '通过' : '未通过') : '') },
    ]
    await streamExcel(ctx, '表决结果', '表决结果', columns, lines)
  }

  async store({ request, auth, response }: HttpContext) {
    const input = await request.validateUsing(createMeetingValidator)
    const meeting = await this.#service.create(auth.getUserOrFail(), input)
    return response.created({ data: transformMeeting(meeting), meta: {} })
  }

  async show({ params, auth }: HttpContext) {
    const { meeting, topics } = await this.#service.show(auth.getUserOrFail(), Number(params.id))
    return { data: { ...transformMeeting(meeting), topics: topics.map(transformTopic) }, meta: {} }
  }

  async publish({ request, params, auth }: HttpContext) {
    const { version } = await request.validateUsing(meetingVersionValidator)
    return { data: transformMeeting(await this.#service.publish(auth.getUserOrFail(), Number(params.id), version)), meta: {} }
  }

  /** the estates the street convenes for as the 居代业 body (no owners' committee), for 新建表决会议 */
  async proxyEstates({ auth }: HttpContext) {
    return { data: await this.#service.proxyEstates(auth.getUserOrFail()), meta: {} }
  }

  async close({ request, params, auth }: HttpContext) {
    const { version } = await request.validateUsing(meetingVersionValidator)
    return { data: transformMeeting(await this.#service.close(auth.getUserOrFail(), Number(params.id), version)), meta: {} }
  }
}
