import vine from '@vinejs/vine'
import { labelled } from '#validators/messages'
import { decimalField, idField, integer, pageField, perPageField, versionField } from '#validators/numbers'

/** list filters come from the query string */
const id = () => idField({ query: true })
const year = () => integer({ min: 2000, max: 2100, query: true })
const half = () => integer({ min: 1, max: 2, query: true })
/** { [itemKey]: score }: keys and ranges are checked against the evaluation's template by the service */
const scores = () => vine.record(decimalField().min(0).max(1000))

export const evaluationListValidator = vine.create({
  region_id: id().optional(),
  estate_id: id().optional(),
  year: year().optional(),
  half: half().optional(),
  state: vine.enum(['pending', 'submitted', 'reviewed', 'auto_scored', 'evaluated']).optional(),
  q: vine.string().trim().maxLength(50).optional(),
  page: pageField().optional(),
  per_page: perPageField().optional(),
})

export const submitEvaluationValidator = vine.create({
  version: versionField(),
  scores: scores(),
  remark: vine.string().trim().maxLength(500).optional().nullable(),
})

export const reviewEvaluationValidator = vine.create({
  version: versionField(),
  scores: scores(),
  // presence is the workflow's rule (`requires`), so an empty opinion gets the same field error either way
  opinion: vine.string().trim().maxLength(1000).optional().nullable(),
})

const templateItem = () =>
  vine.object({
    key: vine.string().trim().regex(/^[a-z][a-z0-9_]{0,31}$/),
    name: vine.string().trim().minLength(1).maxLength(50),
    description: vine.string().trim().maxLength(200).optional().nullable(),
    maxScore: decimalField().positive().max(1000),
    weight: decimalField().positive().max(100),
  })

export const evaluationTemplateValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(100),
  items: vine.array(templateItem()).minLength(1).maxLength(50),
  version: versionField().optional(),
})
labelled(evaluationTemplateValidator, { name: '模板名称' })

export const activateTemplateValidator = vine.create({
  version: versionField(),
})
