import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import FilingStatsService from '#modules/filings/filing_stats_service'
import { regionStatsFor, regionStatsIndex } from '#statistics/region_stats'
import { streamExcel } from '#services/excel_export'
import { LEVEL_NAMES } from '#services/labels'
import type { FilingStatsRow } from '@szpm/core'

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`

@inject()
export default class FilingStatsController {
  constructor(private stats: FilingStatsService) {}

  /** 备案情况: numbers per child region of the asked region (default: the user's own). */
  async index(ctx: HttpContext) {
    return regionStatsIndex(ctx, (region) => this.stats.forRegion(region))
  }

  async export(ctx: HttpContext) {
    const { region, result } = await regionStatsFor(ctx, (asked) => this.stats.forRegion(asked))
    await streamExcel<FilingStatsRow>(ctx, `备案情况-${region.name}`, '备案情况', [
      { header: LEVEL_NAMES[result.level], width: 28, value: (r) => r.name },
      { header: '物业项目数', value: (r) => r.estates },
      { header: '合同已备案', value: (r) => r.contractFiled },
      { header: '合同已过期', value: (r) => r.contractExpired },
      { header: '合同未备案', value: (r) => r.contractNotFiled },
      { header: '合同备案率', value: (r) => percent(r.contractRate) },
      { header: '业主大会已备案', value: (r) => r.assemblyFiled },
      { header: '业主大会未备案', value: (r) => r.assemblyNotFiled },
      { header: '业主大会备案率', value: (r) => percent(r.assemblyRate) },
    ], result.rows)
  }
}
