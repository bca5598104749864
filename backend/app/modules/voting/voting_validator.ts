import vine from '@vinejs/vine'
import { VOTING_CHOICES, VOTING_MEETING_KINDS, VOTING_MEETING_STATUSES } from '@szpm/core'
import { labelled } from '#validators/messages'
import { idField, integer, pageField, perPageField, versionField } from '#validators/numbers'

const LABELS = {
  estate_id: '物业项目', kind: '会议类型', title: '会议名称', opens_at: '投票开始时间', closes_at: '投票结束时间',
  topics: '表决议题', 'topics.*': '表决议题', 'topics.*.title': '议题名称', 'topics.*.description': '议题说明', 'topics.*.art278_item': '民法典第二百七十八条事项',
  status: '会议状态', version: '版本', house_id: '房屋', choice: '表决意见', request_id: '请求编号',
  scan_token: '纸质选票扫描件', choices: '表决意见', 'choices.*': '表决意见', 'choices.*.topic_id': '议题', 'choices.*.choice': '表决意见',
}
/** an instant with its offset (e.g. 2026-12-01T09:00:00+08:00); the service rejects impossible dates */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/
const instant = () => vine.string().trim().regex(INSTANT)

export const meetingListValidator = labelled(
  vine.create({
    region_id: idField({ query: true }).optional(),
    estate_id: idField({ query: true }).optional(),
    status: vine.enum(Object.keys(VOTING_MEETING_STATUSES) as (keyof typeof VOTING_MEETING_STATUSES)[]).optional(),
    page: pageField().optional(),
    per_page: perPageField().optional(),
  }),
  LABELS
)

export const createMeetingValidator = labelled(
  vine.create({
    estate_id: idField(),
    kind: vine.enum(Object.keys(VOTING_MEETING_KINDS) as (keyof typeof VOTING_MEETING_KINDS)[]),
    title: vine.string().trim().minLength(2).maxLength(100),
    opens_at: instant(),
    closes_at: instant(),
    topics: vine.array(vine.object({
      title: vine.string().trim().minLength(2).maxLength(200),
      description: vine.string().trim().maxLength(2000).optional(),
      art278_item: integer({ min: 1, max: 9 }),
    })).minLength(1).maxLength(30),
  }),
  LABELS
)

export const meetingVersionValidator = labelled(vine.create({ version: versionField() }), LABELS)

export const castBallotValidator = labelled(
  vine.create({
    house_id: idField({ column: 'bigint' }),
    choice: vine.enum(Object.keys(VOTING_CHOICES) as (keyof typeof VOTING_CHOICES)[]),
    request_id: vine.string().trim().uuid(),
  }),
  LABELS
)

/** 录入纸质选票: the house, a choice per topic it answers, the uploaded scan's token, the client's key */
export const paperBallotValidator = labelled(
  vine.create({
    house_id: idField({ column: 'bigint' }),
    choices: vine.array(vine.object({
      topic_id: idField(),
      choice: vine.enum(Object.keys(VOTING_CHOICES) as (keyof typeof VOTING_CHOICES)[]),
    })).minLength(1).maxLength(30),
    scan_token: vine.string().trim().uuid(),
    request_id: vine.string().trim().uuid(),
  }),
  LABELS
)
