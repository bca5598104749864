import { api } from './client'

/** 电子投票: the owner's meetings and ballots */
export const { mine, cast } = api.voting
