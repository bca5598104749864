/**
 * The handlers of the routes 电子投票 (module 17) declares in core/src/modules/voting.ts.
 */
import type { RouteHandlers } from '#start/route_handlers'

const MeetingsController = () => import('#modules/voting/meetings_controller')
const OwnerBallotsController = () => import('#modules/voting/owner_ballots_controller')
const PaperBallotsController = () => import('#modules/voting/paper_ballots_controller')

export default {
  'voting_meetings.index': [MeetingsController, 'index'],
  'voting_meetings.export': [MeetingsController, 'export'],
  'voting_meetings.store': [MeetingsController, 'store'],
  'voting_meetings.show': [MeetingsController, 'show'],
  'voting_meetings.publish': [MeetingsController, 'publish'],
  'voting_meetings.close': [MeetingsController, 'close'],
  'voting_meetings.proxy_estates': [MeetingsController, 'proxyEstates'],
  'voting_paper_scans.upload': [PaperBallotsController, 'upload'],
  'voting_paper_ballots.index': [PaperBallotsController, 'index'],
  'voting_paper_ballots.export': [PaperBallotsController, 'export'],
  'voting_paper_ballots.store': [PaperBallotsController, 'store'],
  'voting_paper_ballots.houses': [PaperBallotsController, 'houses'],
  'voting_paper_ballots.download': [PaperBallotsController, 'download'],
  'owner_ballots.index': [OwnerBallotsController, 'index'],
  'owner_ballots.store': [OwnerBallotsController, 'store'],
} satisfies RouteHandlers
