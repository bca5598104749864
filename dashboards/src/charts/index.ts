/**
 * ECharts is registered here, once, from `echarts/core` so only the pieces we use are bundled.
 * Views import `VChart` from this module (never from 'echarts' directly).
 */
import { BarChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components'
import { use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import VChart from 'vue-echarts'

use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, CanvasRenderer])

export { VChart }
export type { ChartOption } from './types'
