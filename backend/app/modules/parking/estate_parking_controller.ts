import type { HttpContext } from '@adonisjs/core/http'
import { PARKING_SPACE_KINDS, PARKING_SPACE_STATUSES, type ParkingSpaceRow } from '@szpm/core'
import type ParkingSpace from '#models/parking_space'
import EstateParkingService from '#modules/parking/estate_parking_service'
import { inBatches, streamExcel, type ExcelColumn } from '#services/excel_export'
import { createParkingSpaceValidator, destroyParkingSpaceValidator, estateParkingListValidator, updateParkingSpaceValidator } from '#modules/parking/parking_validator'

/** a space of the estate's own list (the estate's place is the page's, not repeated per row) */
function transformOwnSpace(space: ParkingSpace, estate: { id: number; name: string }): Omit<ParkingSpaceRow, 'districtName' | 'streetName' | 'communityName'> {
  return {
    id: Number(space.id),
    estateId: estate.id,
    estateName: estate.name,
    code: space.code,
    kind: space.kind,
    kindName: PARKING_SPACE_KINDS[space.kind],
    location: space.location,
    status: space.status,
    statusName: PARKING_SPACE_STATUSES[space.status],
    version: space.version,
  }
}

type OwnSpace = ReturnType<typeof transformOwnSpace>

/** the columns of 本项目车位's export (the page's table) */
const OWN_SPACE_COLUMNS: ExcelColumn<OwnSpace>[] = [
  { header: '车位编号', width: 16, value: (row) => row.code },
  { header: '车位类型', width: 12, value: (row) => row.kindName },
  { header: '位置', width: 30, value: (row) => row.location },
  { header: '状态', width: 10, value: (row) => row.statusName },
]

/** 本项目车位 (`estate_parking.*`): the estate's project manager lists, adds, changes (version), deletes and exports its spaces. */
export default class EstateParkingController {
  #service = new EstateParkingService()

  async index({ request, params, auth }: HttpContext) {
    const { page = 1, per_page = 20, ...filters } = await request.validateUsing(estateParkingListValidator, { data: request.qs() })
    const { estate, spaces, total } = await this.#service.list(auth.getUserOrFail(), Number(params.id), { ...filters, page, perPage: per_page })
    return {
      data: spaces.map((space) => transformOwnSpace(space, estate)),
      meta: { estate: { id: estate.id, name: estate.name }, filledAt: estate.filledAt ? new Date(estate.filledAt).toISOString() : null, total, page, perPage: per_page },
    }
  }

  /** the estate's spaces with the list's filters, as an Excel download */
  async export(ctx: HttpContext) {
    const { page: _page, per_page: _perPage, ...filters } = await ctx.request.validateUsing(estateParkingListValidator, { data: ctx.request.qs() })
    const estate = await this.#service.managedEstate(ctx.auth.getUserOrFail(), Number(ctx.params.id))
    const service = this.#service
    async function* rows() {
      for await (const space of inBatches<ParkingSpace>(() => service.spaces(estate.id, filters))) yield transformOwnSpace(space, estate)
    }
    await streamExcel<OwnSpace>(ctx, `本项目车位-${estate.name}`, '车位信息', OWN_SPACE_COLUMNS, rows())
  }

  async store({ request, params, auth, response }: HttpContext) {
    const input = await request.validateUsing(createParkingSpaceValidator)
    const user = auth.getUserOrFail()
    const space = await this.#service.create(user, Number(params.id), input)
    const estate = await this.#service.managedEstate(user, space.estateId)
    return response.created({ data: transformOwnSpace(space, estate), meta: {} })
  }

  async update({ request, params, auth }: HttpContext) {
    const input = await request.validateUsing(updateParkingSpaceValidator)
    const user = auth.getUserOrFail()
    const space = await this.#service.update(user, Number(params.id), input)
    return { data: transformOwnSpace(space, await this.#service.managedEstate(user, space.estateId)), meta: {} }
  }

  async destroy({ request, params, auth }: HttpContext) {
    const { version } = await request.validateUsing(destroyParkingSpaceValidator)
    await this.#service.destroy(auth.getUserOrFail(), Number(params.id), version)
    return { data: { id: Number(params.id) }, meta: {} }
  }
}
