import type { HttpContext } from '@adonisjs/core/http'
import { ART_278_ITEM_NAMES, VOTING_CHOICES, VOTING_MEETING_KINDS, VOTING_MEETING_STATUSES } from '@szpm/core'
import BallotService, { ownerBallots } from '#modules/voting/ballot_service'
import { transformTopic } from '#modules/voting/voting_transformer'
import { castBallotValidator } from '#modules/voting/voting_validator'
import type { TallyResult } from '#modules/voting/tally'

/** An owner's own side of 电子投票 (`owner_ballots.*`): the meetings of their houses, and casting. */
export default class OwnerBallotsController {
  #service = new BallotService()

  async index({ auth }: HttpContext) {
    const rows = await ownerBallots(auth.getUserOrFail().id)
    return {
      data: rows.map(({ meeting, topics }) => ({
        id: Number(meeting.id), estateId: Number(meeting.estate_id), estateName: meeting.estate_name,
        kind: meeting.kind, kindName: VOTING_MEETING_KINDS[meeting.kind as keyof typeof VOTING_MEETING_KINDS],
        title: meeting.title, opensAt: new Date(meeting.opens_at).toISOString(), closesAt: new Date(meeting.closes_at).toISOString(),
        status: meeting.status, statusName: VOTING_MEETING_STATUSES[meeting.status as keyof typeof VOTING_MEETING_STATUSES],
        topics: topics.map(({ topic, houses }) => ({
          ...transformTopic({
            id: Number(topic.id), seq: topic.seq, title: topic.title, description: topic.description, item: topic.art278_item,
            tally: meeting.status === 'closed' ? (topic.result as TallyResult) : null,
          }),
          itemName: ART_278_ITEM_NAMES[topic.art278_item as keyof typeof ART_278_ITEM_NAMES],
          houses: houses.map((h: { id: number; name: string; choice: keyof typeof VOTING_CHOICES | null; channel: 'h5' | 'paper' | null }) => ({
            id: h.id, name: h.name, choice: h.choice, choiceName: h.choice ? VOTING_CHOICES[h.choice] : null, channel: h.channel,
          })),
        })),
      })),
      meta: {},
    }
  }

  async store({ request, params, auth, response }: HttpContext) {
    const input = await request.validateUsing(castBallotValidator)
    const result = await this.#service.castByOwner(auth.getUserOrFail().id, {
      topicId: Number(params.id), houseId: input.house_id, choice: input.choice, requestId: input.request_id,
    })
    const body = { data: { ballotId: result.ballotId, choice: result.choice, choiceName: VOTING_CHOICES[result.choice], castAt: new Date(result.castAt).toISOString() }, meta: { replayed: result.replayed } }
    return result.replayed ? body : response.created(body)
  }
}
