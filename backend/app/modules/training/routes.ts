/** The handlers of the routes 宣传培训 (module 11) declares in core/src/modules/training.ts. */
import type { RouteHandlers } from '#start/route_handlers'

const TrainingStatisticsController = () => import('#modules/training/training_stats_controller')
const TrainingRecordsController = () => import('#modules/training/training_records_controller')
const TrainingCoursesController = () => import('#modules/training/training_courses_controller')

export default {
  'training_statistics.index': [TrainingStatisticsController, 'index'],
  'training_statistics.export': [TrainingStatisticsController, 'export'],
  'training_records.index': [TrainingRecordsController, 'index'],
  'training_records.export': [TrainingRecordsController, 'export'],
  'training_courses.index': [TrainingCoursesController, 'index'],
  'training_courses.export': [TrainingCoursesController, 'export'],
  'training_media.upload': [TrainingCoursesController, 'upload'],
  'training_courses.store': [TrainingCoursesController, 'store'],
  'training_courses.update': [TrainingCoursesController, 'update'],
  'training_courses.media': [TrainingCoursesController, 'media'],
  'training_learning.index': [TrainingCoursesController, 'learning'],
  'training_progress.store': [TrainingCoursesController, 'progress'],
} satisfies RouteHandlers
