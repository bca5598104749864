import type { HttpContext } from '@adonisjs/core/http'
import { findEstateInScope } from '#services/region_scope'
import { transformEstate } from '#transformers/estate_transformer'

export default class EstatesController {
  async show({ params, auth }: HttpContext) {
    const estate = await findEstateInScope(auth.getUserOrFail(), Number(params.id))
    await estate.load((loader) => loader.load('community').load('street').load('district'))
    return { data: transformEstate(estate), meta: {} }
  }
}
