/**
 * Wire types of the HTTP API, shared by the backend transformers and both front ends, one file per
 * module under ./types/. A change there breaks the build of whichever side disagrees.
 */
export type * from './types/common.ts'
export type * from './types/sessions.ts'
export type * from './types/users.ts'
export type * from './types/todos.ts'
export type * from './types/messages.ts'
export type * from './types/exports.ts'
export type * from './types/projects.ts'
export type * from './types/filings.ts'
export type * from './types/evaluations.ts'
export type * from './types/estates.ts'
export type * from './types/audit.ts'
export type * from './types/calendar.ts'
export type * from './types/notices.ts'
export type * from './types/notice_stats.ts'
export type * from './types/parking.ts'
export type * from './types/party_building.ts'
export type * from './types/credit.ts'
export type * from './types/staff.ts'
export type * from './types/training.ts'
export type * from './types/voting.ts'
