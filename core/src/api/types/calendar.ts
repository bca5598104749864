/** Wire types of 节假日日历 (working days). */

/** holiday = statutory day off (incl. weekend days inside a holiday); workday = make-up workday (调休) on a weekend */
export type CalendarDayKind = 'holiday' | 'workday'

export interface CalendarDay {
  /** YYYY-MM-DD */
  date: string
  kind: CalendarDayKind
  kindName: string
  /** 春节 / 国庆节 … */
  name: string
}

export interface CalendarYear {
  year: number
  /** the year's official arrangement has been entered: working-day arithmetic is allowed */
  published: boolean
  holidays: number
  workdays: number
  /** chinese-days / 手工录入 */
  source: string
  updatedAt: string
}

