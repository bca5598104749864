import { api } from './client'

/** 电子投票 (module 17): meetings and their results */
export const voting = api.voting
