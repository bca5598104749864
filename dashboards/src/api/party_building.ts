import { api } from './client'

/** 党建园地's own calls (民意征集); its 党建统计 and committee members go through ./statistics */
export const { opinions, opinion, opinionStats } = api.partyBuilding
