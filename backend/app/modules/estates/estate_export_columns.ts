import { projects, recordsExportColumns, type EstateListRow } from '@szpm/core'

/**
 * The 物业项目 export's columns (EstatesController#export; the Excel benchmark writes the same
 * sheet): 项目管理's declared records columns.
 */
export const ESTATE_EXPORT_COLUMNS = recordsExportColumns<EstateListRow>(projects.statistics!.records!)
