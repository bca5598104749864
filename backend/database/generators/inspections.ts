import type { CopyValue } from './copy.ts'
import { createRandom, deriveSeed } from './random.ts'
import type { DataGenerator } from './types.ts'

const DAY = 86_400_000
const DEMO_TASKS = 20
const CITY_TASKS = 200

const TITLES = [
  '消防安全专项检查', '电动自行车停放充电安全检查', '防汛防台风安全检查', '电梯安全运行检查', '高空坠物隐患排查', '燃气使用安全检查',
  '地下车库安全检查', '二次供水设施安全检查', '节前安全大检查', '外墙及附属设施安全排查', '有限空间作业安全检查', '消防设施设备维保检查',
] as const

const ITEMS = [
  '消防通道、疏散通道是否畅通', '灭火器是否在有效期内并放置到位', '消火栓箱内器材是否齐全', '电动自行车是否违规停放、飞线充电',
  '应急照明和疏散指示标志是否完好', '电梯年检标志是否在有效期内', '排水沟、雨水井是否通畅', '地下车库挡水设施是否完好',
  '楼顶、阳台是否有高空坠物隐患', '燃气管道及阀门是否有泄漏', '监控系统是否正常运行', '消防控制室是否24小时有人值班',
  '外墙瓷砖、广告牌是否牢固', '配电房是否整洁、无杂物堆放', '二次供水水箱是否定期清洗',
] as const

const PROBLEMS = ['发现杂物堆放，占用通道', '部分设施过期未更换', '设施损坏，未及时维修', '现场管理不到位', '台账记录缺失'] as const
const MEASURES = ['已安排人员清理', '联系维保单位更换', '加强巡查并张贴警示', '督促相关责任人整改', '补齐台账并建立巡查制度'] as const

const ymd = (time: number) => new Date(time + 8 * 3_600_000).toISOString().slice(0, 10)

/**
 * 安全检查: tasks published over the past year by the city administrator and the district bureaus (≈ 20
 * at demo scale, 200 at city scale — by the number of estates, ≈ 45,000 targets and 150,000 answers at city scale), each with 3–8 checklist items and one target per
 * estate of its region (a district, or one street) resolved as publishing would. Targets of past tasks
 * were mostly submitted, some problems found (≈ 12 % of answers) and most of them rectified; current
 * tasks are under way. The workflow history and the open to-dos (待填报 / 整改中 of open tasks) follow.
 * No photo files are generated (the answers of 需拍照 items carry none).
 */
export const inspections: DataGenerator = {
  name: 'inspections',
  description: '安全检查: tasks, their target estates, checklist answers with problems and rectifications',
  tables: ['inspection_photos', 'inspection_answers', 'inspection_targets', 'inspection_items', 'inspection_tasks'],
  async run(ctx) {
    const { client, now } = ctx
    const r = createRandom(deriveSeed(ctx.seed, 'inspections'))
    const estates = (await client.query(`SELECT id, name, community_id, street_id, district_id FROM estates ORDER BY id`)).rows as
      { id: number; name: string; community_id: number; street_id: number; district_id: number }[]
    const city = (await client.query(`SELECT id FROM regions WHERE level = 'city' ORDER BY id LIMIT 1`)).rows[0]?.id as number
    const admins = (await client.query(`SELECT id, name, role, region_id FROM users WHERE role IN ('city_admin', 'district_admin') ORDER BY id`)).rows as
      { id: number; name: string; role: string; region_id: number }[]
    const managers = (await client.query(`SELECT DISTINCT ON (estate_id) estate_id, u.id, u.name FROM user_estates ue JOIN users u ON u.id = ue.user_id WHERE ue.relation = 'project_manager' ORDER BY estate_id, u.id`)).rows
    const managerOf = new Map<number, { id: number; name: string }>(managers.map((row) => [Number(row.estate_id), { id: Number(row.id), name: row.name }]))
    const districts = [...new Set(estates.map((estate) => estate.district_id))]
    const streets = [...new Set(estates.map((estate) => estate.street_id))]
    if (estates.length === 0 || !city) return { inspection_tasks: 0 } as Record<string, number>
    // demo (~1.5k estates): 20 tasks; city (~5.5k estates): 200
    const taskCount = estates.length >= 3000 ? CITY_TASKS : DEMO_TASKS

    let taskId = await ctx.firstId('inspection_tasks')
    let itemId = await ctx.firstId('inspection_items')
    let targetId = await ctx.firstId('inspection_targets')
    const taskRows: CopyValue[][] = []
    const itemRows: CopyValue[][] = []
    const targetRows: CopyValue[][] = []
    const answerRows: CopyValue[][] = []
    const eventRows: CopyValue[][] = []
    const todoRows: CopyValue[][] = []
    const today = ymd(now.getTime())
    const bar = ctx.progress.start('inspection tasks', taskCount, 'tasks')
    for (let n = 0; n < taskCount; n++) {
      const id = taskId++
      const districtWide = r.chance(0.3)
      const districtId = r.pick(districts)
      const streetId = r.pick(streets)
      const publisher = admins.find((admin) => admin.role === 'district_admin' && admin.region_id === districtId && !r.chance(0.3)) ?? admins.find((admin) => admin.role === 'city_admin') ?? null
      const regionId = publisher?.role === 'district_admin' ? publisher.region_id : city
      const targets = estates.filter((estate) => (districtWide ? estate.district_id === (publisher?.role === 'district_admin' ? publisher.region_id : districtId) : estate.street_id === streetId))
      // published up to a year ago; the deadline 14–30 days later
      const created = now.getTime() - r.int(3, 365) * DAY
      const deadline = ymd(created + r.int(14, 30) * DAY)
      const open = deadline >= today
      const title = `${ymd(created).slice(0, 4)}年${r.pick(TITLES)}`
      taskRows.push([id, title, deadline, regionId, districtWide ? 'region' : 'region', JSON.stringify({ region_id: districtWide ? districtId : streetId }), publisher?.id ?? null, new Date(created)])
      const items: { id: number; photo: boolean }[] = []
      const pool = ITEMS.slice()
      for (let i = pool.length - 1; i > 0; i--) {
        const j = Math.floor(r.next() * (i + 1))
        ;[pool[i], pool[j]] = [pool[j], pool[i]]
      }
      for (const [index, content] of pool.slice(0, r.int(3, 8)).entries()) {
        const item = { id: itemId++, photo: r.chance(0.3) }
        items.push(item)
        itemRows.push([item.id, id, index + 1, content, item.photo])
      }
      // how far an open task has come: the share of its time passed
      const passed = open ? Math.min(1, (now.getTime() - created) / (Date.parse(`${deadline}T23:59:59+08:00`) - created)) : 1
      for (const estate of targets) {
        const target = targetId++
        const manager = managerOf.get(estate.id) ?? null
        const submittedShare = open ? 0.2 + passed * 0.6 : 0.9
        const submitted = r.chance(submittedShare)
        let state = 'pending'
        let submittedAt: Date | null = null
        let rectifiedAt: Date | null = null
        eventRows.push(['inspection', target, 'publish', null, 'pending', publisher?.id ?? null, publisher?.name ?? null, publisher?.role ?? null, null, '{}', new Date(created)])
        if (submitted) {
          const end = Math.min(now.getTime(), Date.parse(`${deadline}T18:00:00+08:00`))
          submittedAt = new Date(created + Math.floor(r.next() * Math.max(1, end - created)))
          let problems = 0
          let openProblems = 0
          const laterRectified = !open && r.chance(0.75)
          for (const item of items) {
            const problem = r.chance(0.12)
            const rectifiedAtSubmit = problem && r.chance(0.3)
            const rectified = problem && (rectifiedAtSubmit || laterRectified)
            if (problem) problems++
            if (problem && !rectifiedAtSubmit) openProblems++
            const rectifiedOn = rectified ? ymd(rectifiedAtSubmit ? submittedAt.getTime() : Math.min(now.getTime(), submittedAt.getTime() + r.int(1, 10) * DAY)) : null
            answerRows.push([target, item.id, problem ? 'problem' : 'pass', problem ? r.pick(PROBLEMS) : '', problem ? r.pick(MEASURES) : '', rectified, rectifiedOn, submittedAt])
          }
          state = openProblems > 0 ? 'rectifying' : 'submitted'
          eventRows.push(['inspection', target, openProblems > 0 ? 'submit_with_problems' : 'submit', 'pending', state, manager?.id ?? null, manager?.name ?? null, manager ? 'project_manager' : null, null, JSON.stringify({ problems }), submittedAt])
          if (state === 'rectifying' && laterRectified) {
            rectifiedAt = new Date(Math.min(now.getTime(), submittedAt.getTime() + r.int(1, 10) * DAY))
            eventRows.push(['inspection', target, 'rectify', 'rectifying', 'rectified', manager?.id ?? null, manager?.name ?? null, manager ? 'project_manager' : null, null, '{}', rectifiedAt])
            state = 'rectified'
          }
        }
        const version = 1 + (submitted ? 1 : 0) + (rectifiedAt ? 1 : 0)
        targetRows.push([target, id, estate.id, state, version, submittedAt, submittedAt ? manager?.id ?? null : null, rectifiedAt, null, new Date(created), rectifiedAt ?? submittedAt ?? new Date(created)])
        if (open && (state === 'pending' || state === 'rectifying')) {
          const summary = state === 'pending' ? `请在 ${deadline} 前填报检查结果` : `有发现的问题尚未整改，请在 ${deadline} 前提交整改结果`
          todoRows.push(['inspection', target, state, `${estate.name}「${title}」安全检查`, summary, estate.community_id, estate.id, '{project_manager}', 'estates.own', deadline, rectifiedAt ?? submittedAt ?? new Date(created), null, null, null])
        }
      }
      bar.increment()
    }
    bar.stop()
    const tasks = await ctx.copy('inspection_tasks', ['id', 'title', 'deadline', 'region_id', 'target_mode', 'target_criteria', 'created_by', 'created_at'], taskRows)
    const items = await ctx.copy('inspection_items', ['id', 'task_id', 'position', 'content', 'photo_required'], itemRows)
    const targets = await ctx.copy('inspection_targets', ['id', 'task_id', 'estate_id', 'state', 'version', 'submitted_at', 'submitted_by', 'rectified_at', 'auto_reminded_on', 'created_at', 'updated_at'], targetRows)
    const answers = await ctx.copy('inspection_answers', ['target_id', 'item_id', 'result', 'description', 'measures', 'rectified', 'rectified_on', 'updated_at'], answerRows)
    const events = await ctx.copy('workflow_events', ['process', 'subject_id', 'action', 'from_state', 'to_state', 'actor_id', 'actor_name', 'actor_role', 'remark', 'data', 'created_at'], eventRows)
    const todos = await ctx.copy('todos', ['process', 'subject_id', 'step', 'title', 'summary', 'region_id', 'estate_id', 'roles', 'feature', 'due_on', 'created_at', 'closed_at', 'closed_by', 'outcome'], todoRows)
    for (const table of ['inspection_tasks', 'inspection_items', 'inspection_targets']) await ctx.syncSequence(table)
    ctx.log(`inspections: ${tasks} tasks, ${items} checklist items, ${targets} targets, ${answers} answers, ${events} history entries, ${todos} open to-dos`)
    return { inspection_tasks: tasks, inspection_items: items, inspection_targets: targets, inspection_answers: answers, inspection_workflow_events: events, inspection_todos: todos }
  },
}
