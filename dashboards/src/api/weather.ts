import { api } from './client'

/** 小区气象公告栏: the estates to choose and an estate's weather board */
export const { estates: weatherEstates, board: weatherBoard } = api.weather
