import type { ColumnDeclaration } from './types.ts'

/**
 * The place columns every records list (穿透) starts with: 所属区 (export only), 所属街道, 所属社区 and the
 * 物业项目 that opens the estate page (the row's `districtName`, `streetName`, `communityName`,
 * `estateName`). A module's own columns follow: `columns: [...PLACE_COLUMNS, …]`.
 */
export const PLACE_COLUMNS: readonly ColumnDeclaration[] = [
  { key: 'districtName', label: '所属区', width: 110, exportOnly: true },
  { key: 'streetName', label: '所属街道', width: 110 },
  { key: 'communityName', label: '所属社区', width: 120 },
  { key: 'estateName', label: '物业项目', link: 'estate', width: 160 },
]
