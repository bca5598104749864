import { defineModule } from './types.ts'
import { trainingStatistics } from './training_statistics.ts'

/**
 * 宣传培训 (module 11): city and district administrators publish courses (a video or a document, stored
 * by #services/file_storage); estate practitioners (module 9's `practitioners`) learn them on the PC or
 * H5 player, which records their progress (idempotent, never backwards); 项目从业人员学习情况 and
 * 项目负责人学习情况 count the learning records per region down to the person. docs/training.md.
 */
export const training = defineModule({
  no: 11,
  name: '宣传培训',
  slug: 'training',
  status: 'live',
  group: 'statistics',
  features: { 'training.view': '查看', 'training.export': '导出', 'training.manage': '课程维护' },
  routes: [
    { name: 'training_statistics.index', method: 'GET', path: 'stats/training', access: 'training.view', label: '学习情况统计', scoped: true, query: ['region_id'] },
    { name: 'training_statistics.export', method: 'GET', path: 'stats/training/export', access: 'training.export', label: '导出学习情况统计', scoped: true, query: ['region_id'] },
    { name: 'training_records.index', method: 'GET', path: 'training/records', access: 'training.view', label: '学习记录', scoped: true, query: ['region_id', 'estate_id', 'course_id', 'group', 'completed', 'q', 'page', 'per_page'] },
    { name: 'training_records.export', method: 'GET', path: 'training/records/export', access: 'training.export', label: '导出学习记录', scoped: true, query: ['region_id', 'estate_id', 'course_id', 'group', 'completed', 'q'] },
    { name: 'training_courses.index', method: 'GET', path: 'training/courses', access: 'training.view', label: '课程列表', query: ['q', 'kind', 'page', 'per_page'] },
    { name: 'training_courses.export', method: 'GET', path: 'training/courses/export', access: 'training.view', label: '导出课程列表', query: ['q', 'kind'] },
    { name: 'training_media.upload', method: 'POST', path: 'training/media', access: 'training.manage', label: '上传课程文件' },
    { name: 'training_courses.store', method: 'POST', path: 'training/courses', access: 'training.manage', label: '新建课程' },
    { name: 'training_courses.update', method: 'PATCH', path: 'training/courses/:id', access: 'training.manage', label: '修改课程', params: { id: 'id' } },
    { name: 'training_courses.media', method: 'GET', path: 'training/courses/:id/media', access: 'session', label: '播放课程', params: { id: 'id' } },
    // the learner's own courses and progress (a signed-in practitioner, matched by phone)
    { name: 'training_learning.index', method: 'GET', path: 'training/learning', access: 'session', label: '我的课程' },
    // the learner's own progress (a signed-in practitioner, matched by phone): enrols on the first step
    { name: 'training_progress.store', method: 'POST', path: 'training/courses/:id/progress', access: 'session', label: '记录学习进度', params: { id: 'id' } },
  ],
  pages: [
    { name: 'training', path: '/training', title: '学习情况统计', feature: 'training.view', apps: ['pc', 'h5'], menu: true },
    { name: 'training-records', path: '/training/records', title: '学习记录', feature: 'training.view', apps: ['pc', 'h5'], menu: true },
    // 课程管理 (city / district administrators): list, create with its uploaded file, edit, retire / publish again
    { name: 'training-courses', path: '/training/courses', title: '课程管理', feature: 'training.manage', apps: ['pc'], menu: true },
    // the player, for the estate-side accounts (a practitioner, by phone, sees the courses of their
    // audience) and the officials who read the statistics (it links to them): the 宣传培训 tile opens it
    { name: 'training-learning', path: '/training/learning', title: '我的学习', feature: ['estates.own', 'training.view'], apps: ['pc', 'h5'], menu: true },
  ],
  tile: { label: '宣传培训', icon: 'video-o', page: 'training-learning' },
  estateTab: { label: '宣传培训', feature: 'training.view' },
  statistics: trainingStatistics,
})
