/** 电子投票 (module 17): meetings (convener and street) and the owner's own ballots. */
import { uploadFile, type Http, type Query } from './http.ts'
import type { VotingChoice, VotingMeetingKind, VotingMeetingStatus } from '../modules/voting.ts'
import type { CastBallotResult, OwnerVotingMeeting, PaperBallotEntry, PaperBallotResult, PaperScanToken, ProxyEstate, VotingMeetingDetail, VotingMeetingRow } from './types.ts'

export interface VotingMeetingInput {
  estate_id: number
  kind: VotingMeetingKind
  title: string
  /** ISO instants with offset */
  opens_at: string
  closes_at: string
  topics: { title: string; description?: string; art278_item: number }[]
}

export interface VotingMeetingQuery {
  region_id?: number
  estate_id?: number
  status?: VotingMeetingStatus
  page?: number
  per_page?: number
}

export function votingApi(http: Http, baseUrl = '') {
  return {
    meetings: (query: VotingMeetingQuery = {}) =>
      http.call<VotingMeetingRow[], { total: number; page: number; perPage: number }>('voting_meetings.index', { query: query as Query }),
    /** 导出表决结果: one row per topic of the listed meetings */
    exportUrl: (query: Omit<VotingMeetingQuery, 'page' | 'per_page'> = {}) => http.url('voting_meetings.export', { query: query as Query }),
    meeting: (id: number) => http.call<VotingMeetingDetail>('voting_meetings.show', { params: { id } }),
    createMeeting: (input: VotingMeetingInput) => http.call<VotingMeetingRow>('voting_meetings.store', { body: input }),
    publishMeeting: (id: number, version: number) => http.call<VotingMeetingRow>('voting_meetings.publish', { params: { id }, body: { version } }),
    closeMeeting: (id: number, version: number) => http.call<VotingMeetingRow>('voting_meetings.close', { params: { id }, body: { version } }),
    /** the street's estates without an owners' committee (it convenes for them as the 居代业 body) */
    proxyEstates: () => http.call<ProxyEstate[]>('voting_meetings.proxy_estates'),
    /** 纸质选票: upload the scan (multipart, field `file`), then enter the ballot with its token */
    uploadPaperScan: (meetingId: number, file: Blob, fileName: string) =>
      uploadFile<PaperScanToken>(baseUrl, 'voting_paper_scans.upload', file, fileName, { id: meetingId }),
    enterPaperBallot: (meetingId: number, ballot: { house_id: number; choices: { topic_id: number; choice: VotingChoice }[]; scan_token: string; request_id: string }) =>
      http.call<PaperBallotResult, { replayed?: boolean }>('voting_paper_ballots.store', { params: { id: meetingId }, body: ballot }),
    paperBallots: (meetingId: number) => http.call<PaperBallotEntry[]>('voting_paper_ballots.index', { params: { id: meetingId } }),
    /** 导出 the entry log of the meeting's paper ballots (.xlsx; the convener only, audited as an export) */
    paperBallotsExportUrl: (meetingId: number) => http.url('voting_paper_ballots.export', { params: { id: meetingId } }),
    /** the houses of the meeting's estate, for 录入纸质选票 */
    paperHouses: (meetingId: number) => http.call<{ id: number; name: string; registered: boolean }[]>('voting_paper_ballots.houses', { params: { id: meetingId } }),
    paperScanUrl: (ballotId: number) => http.url('voting_paper_ballots.download', { params: { id: ballotId } }),
    /** the owner's meetings with their houses and own choices */
    mine: () => http.call<OwnerVotingMeeting[]>('owner_ballots.index'),
    /** one ballot; `requestId` makes a retried submit count once */
    cast: (topicId: number, ballot: { house_id: number; choice: VotingChoice; request_id: string }) =>
      http.call<CastBallotResult, { replayed?: boolean }>('owner_ballots.store', { params: { id: topicId }, body: ballot }),
  }
}
