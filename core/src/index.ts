/** @szpm/core: module declarations, wire types, labels and formatting shared by every layer. */
export * from './modules/index.ts'
export * from './format.ts'
export * from './labels.ts'
export type * from './api/types.ts'
export { modulesTable, withModulesTable } from './modules/modules_table.ts'
export * from './drill_down.ts'
