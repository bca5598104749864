import vine from '@vinejs/vine'

const id = () => vine.number().withoutDecimals().positive().max(2147483647)
const year = () => vine.number().withoutDecimals().range([2000, 2100])
const half = () => vine.number().in([1, 2])
/** { [itemKey]: score }: keys and ranges are checked against the evaluation's template by the service */
const scores = () => vine.record(vine.number().min(0).max(1000))

export const evaluationListValidator = vine.create({
  region_id: id().optional(),
  estate_id: id().optional(),
  year: year().optional(),
  half: half().optional(),
  state: vine.enum(['pending', 'submitted', 'reviewed', 'auto_scored', 'evaluated']).optional(),
  q: vine.string().trim().maxLength(50).optional(),
  page: vine.number().withoutDecimals().range([1, 100000]).optional(),
  per_page: vine.number().withoutDecimals().range([1, 200]).optional(),
})

export const submitEvaluationValidator = vine.create({
  version: vine.number().withoutDecimals().positive().max(2147483647),
  scores: scores(),
  remark: vine.string().trim().maxLength(500).optional().nullable(),
})

export const reviewEvaluationValidator = vine.create({
  version: vine.number().withoutDecimals().positive().max(2147483647),
  scores: scores(),
  // presence is the workflow's rule (`requires`), so an empty opinion gets the same field error either way
  opinion: vine.string().trim().maxLength(1000).optional().nullable(),
})

const templateItem = () =>
  vine.object({
    key: vine.string().trim().regex(/^[a-z][a-z0-9_]{0,31}$/),
    name: vine.string().trim().minLength(1).maxLength(50),
    description: vine.string().trim().maxLength(200).optional().nullable(),
    maxScore: vine.number().positive().max(1000),
    weight: vine.number().positive().max(100),
  })

export const evaluationTemplateValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(100),
  items: vine.array(templateItem()).minLength(1).maxLength(50),
  version: vine.number().withoutDecimals().positive().max(2147483647).optional(),
})

export const activateTemplateValidator = vine.create({
  version: vine.number().withoutDecimals().positive().max(2147483647),
})
