import type { HttpContext } from '@adonisjs/core/http'
import MeetingService from '#modules/voting/meeting_service'
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

  async close({ request, params, auth }: HttpContext) {
    const { version } = await request.validateUsing(meetingVersionValidator)
    return { data: transformMeeting(await this.#service.close(auth.getUserOrFail(), Number(params.id), version)), meta: {} }
  }
}
