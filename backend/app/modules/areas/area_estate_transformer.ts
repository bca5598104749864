import type { AreaEstateRow } from '@szpm/core'
import type { ExcelColumn } from '#services/excel_export'

export function transformAreaEstate(row: Record<string, any>): AreaEstateRow {
  return {
    id: Number(row.id),
    name: row.name,
    type: row.estate_type,
    address: row.address,
    districtName: String(row.district_name ?? ''),
    streetName: String(row.street_name ?? ''),
    communityName: String(row.community_name ?? ''),
    companyName: row.company_name ?? null,
    houseCount: Number(row.house_count),
    buildingArea: Number(row.building_area),
    hasCommittee: Boolean(row.has_committee),
    lng: row.lng === null ? null : Number(row.lng),
    lat: row.lat === null ? null : Number(row.lat),
  }
}

/** the 物业区域 export's columns (the list's, with the coordinates) */
export const AREA_ESTATE_EXPORT_COLUMNS: ExcelColumn<AreaEstateRow>[] = [
  { header: '区', width: 10, value: (row) => row.districtName },
  { header: '街道', width: 12, value: (row) => row.streetName },
  { header: '社区', width: 14, value: (row) => row.communityName },
  { header: '物业项目ID', width: 10, value: (row) => row.id },
  { header: '物业项目', width: 22, value: (row) => row.name },
  { header: '类型', width: 8, value: (row) => row.type },
  { header: '地址', width: 28, value: (row) => row.address },
  { header: '物业服务企业', width: 22, value: (row) => row.companyName },
  { header: '房屋数（套）', width: 12, value: (row) => row.houseCount },
  { header: '建筑面积（㎡）', width: 14, value: (row) => row.buildingArea },
  { header: '业主委员会', width: 10, value: (row) => (row.hasCommittee ? '已成立' : '未成立') },
  { header: '经度（WGS-84）', width: 14, value: (row) => row.lng },
  { header: '纬度（WGS-84）', width: 14, value: (row) => row.lat },
]
