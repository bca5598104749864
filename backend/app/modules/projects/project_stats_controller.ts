import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import ProjectStatsService from '#modules/projects/project_stats_service'
import { regionStatsFor, regionStatsIndex } from '#statistics/region_stats'
import { streamExcel } from '#services/excel_export'
import { LEVEL_NAMES } from '#services/labels'
import type { ProjectStatsRow } from '@szpm/core'

@inject()
export default class ProjectStatsController {
  constructor(private stats: ProjectStatsService) {}

  /** 项目管理: estates by type, houses, households, area, companies, committees per child region. */
  async index(ctx: HttpContext) {
    return regionStatsIndex(ctx, (region) => this.stats.forRegion(region))
  }

  async export(ctx: HttpContext) {
    const { region, result } = await regionStatsFor(ctx, (asked) => this.stats.forRegion(asked))
    await streamExcel<ProjectStatsRow>(ctx, `项目管理-${region.name}`, '项目管理', [
      { header: LEVEL_NAMES[result.level], width: 28, value: (r) => r.name },
      { header: '物业项目数', value: (r) => r.estates },
      { header: '住宅', value: (r) => r.residentialEstates },
      { header: '商业', value: (r) => r.commercialEstates },
      { header: '办公', value: (r) => r.officeEstates },
      { header: '混合', value: (r) => r.mixedEstates },
      { header: '房屋数', value: (r) => r.houses },
      { header: '户数', value: (r) => r.households },
      { header: '建筑面积(㎡)', width: 18, value: (r) => r.buildingArea },
      { header: '物业服务企业', value: (r) => r.companies },
      { header: '已成立业委会', value: (r) => r.withCommittee },
      { header: '未成立业委会', value: (r) => r.withoutCommittee },
    ], result.rows)
  }
}
