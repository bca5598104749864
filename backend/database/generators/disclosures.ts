import type { CopyValue } from './copy.ts'
import { createRandom, deriveSeed } from './random.ts'
import type { DataGenerator } from './types.ts'

const DAY = 86_400_000
/** announcements of each estate when the scale does not say (demo: a few per street) */
const DEFAULT_DISCLOSURES_PER_ESTATE: [number, number] = [0, 2]
/** share of the estates without a committee that have (had) a 居代业 */
const PROXY_SHARE = 0.3

const GENERAL = [
  ['关于电梯年度检验的公告', '本项目电梯将于近期进行年度检验，检验期间请业主错峰出行。'],
  ['关于二次供水设施清洗消毒的公告', '本项目将对二次供水设施进行清洗消毒，期间暂停供水约 6 小时。'],
  ['物业服务收费标准公示', '本项目物业服务收费标准已按规定报备，现予公示，接受业主监督。'],
  ['关于公共收益使用情况的公示', '上半年公共收益收支情况已经核对，现予公示，详情可至物业服务中心查阅。'],
  ['关于消防设施检测的公告', '本项目将开展消防设施年度检测，请业主配合入户检查。'],
] as const

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

interface EstateRow { id: number; name: string; street_id: number; community_name: string; has_committee: boolean }

/**
 * 信息公开 (16) and 居代业管理 (23) history: each estate's announcements from the 通用公告 and 业主大会公告
 * templates (≈ 10k at city scale: 1–3 per estate), a few drafts and voided ones, published by the
 * estate's street office (its first account; imported history without an account where it has none); and for ~30% of the estates without an owners' committee a 居代业 in one of
 * its states, with its history (workflow_events), its open to-do while 意见征集 and one announcement per
 * step, exactly as the services leave them. Written with COPY.
 */
export const disclosures: DataGenerator = {
  name: 'disclosures',
  description: '信息公开: announcements from the templates; 居代业管理: 居代业 with history, to-dos and their announcements',
  tables: ['disclosures', 'proxy_governances'],
  async run(ctx) {
    const { client, now, seed } = ctx
    const range = ctx.scale.disclosuresPerEstate ?? DEFAULT_DISCLOSURES_PER_ESTATE
    const { rows: estates } = await client.query<EstateRow>(
      `SELECT e.id, e.name, e.street_id, c.name AS community_name, e.has_committee FROM estates e JOIN regions c ON c.id = e.community_id ORDER BY e.id`
    )
    const { rows: templates } = await client.query<{ id: number; code: string }>('SELECT id, code FROM disclosure_templates')
    const templateId = new Map(templates.map((t) => [t.code, t.id]))
    const { rows: publishers } = await client.query<{ id: number; name: string; role: string; region_id: number }>(
      `SELECT id, name, role, region_id FROM users WHERE role IN ('street_handler', 'street_head') AND status = 'active' ORDER BY role DESC, id`
    )
    const publisherOf = new Map<number, { id: number | null; name: string; role: string }>()
    for (const user of publishers) if (!publisherOf.has(user.region_id)) publisherOf.set(user.region_id, user)

    let nextDisclosure = await ctx.firstId('disclosures')
    let nextProxy = await ctx.firstId('proxy_governances')
    const rows: CopyValue[][] = []
    const proxies: CopyValue[][] = []
    const events: CopyValue[][] = []
    const todos: CopyValue[][] = []
    const at = (daysAgo: number, r: ReturnType<typeof createRandom>) => new Date(now.getTime() - daysAgo * DAY - r.int(0, 8 * 3600) * 1000)
    const announce = (estate: EstateRow, template: string, title: string, fields: Record<string, string>, body: string, state: string, source: string, sourceId: number | null, by: number | null, published: Date | null, voidReason: string | null) => {
      const id = nextDisclosure++
      const voidedAt = state === 'voided' ? new Date(published!.getTime() + DAY) : null
      rows.push([id, templateId.get(template)!, estate.id, title, JSON.stringify(fields), body, state, source, sourceId, by, state === 'draft' ? null : by,
        published, state === 'voided' ? by : null, voidedAt, voidReason, 1, published ?? now, voidedAt ?? published ?? now])
    }

    const bar = ctx.progress.start('disclosures', estates.length, 'estates')
    for (const estate of estates) {
      const r = createRandom(deriveSeed(seed, 'disclosures', estate.id))
      // a street without an account of the platform yet: imported history (no account, the office's name)
      const publisher = publisherOf.get(estate.street_id) ?? { id: null, name: '街道办事处', role: 'street_handler' }
      for (let n = r.int(range[0], range[1]); n > 0; n--) {
        const published = at(r.int(1, 720), r)
        const state = r.chance(0.05) ? 'draft' : r.chance(0.04) ? 'voided' : 'published'
        if (estate.has_committee && r.chance(0.3)) {
          const day = new Date(published.getTime() + r.int(10, 30) * DAY).toISOString().slice(0, 10)
          const fields = { meeting_date: day, place: `${estate.name}会所`, agenda: '<ol><li>审议物业服务合同续签事项</li><li>审议公共收益使用方案</li></ol>' }
          const body = `<p><strong>会议日期：</strong>${day}</p><p><strong>会议地点：</strong>${esc(fields.place)}</p><p><strong>会议议程：</strong></p>${fields.agenda}`
          announce(estate, 'owners_assembly', `${estate.name}业主大会会议公告`, fields, body, state, 'manual', null, publisher.id, state === 'draft' ? null : published, state === 'voided' ? '会议时间调整，重新公告' : null)
        } else {
          const [title, text] = r.pick(GENERAL)
          const content = `<p>${esc(text)}</p>`
          announce(estate, 'general', `${estate.name}${title}`, { content }, content, state, 'manual', null, publisher.id, state === 'draft' ? null : published, state === 'voided' ? '内容有误，已重新发布' : null)
        }
      }

      if (!estate.has_committee && r.chance(PROXY_SHARE)) {
        const id = nextProxy++
        const started = at(r.int(20, 400), r)
        const stage = r.pick(['collecting', 'declined', 'acting', 'acting', 'terminated'] as const)
        const agent = `${estate.community_name}居委会`
        const steps: [string, string | null, string, string, Date][] = [['start', null, 'collecting', '居代业意见征集公告', started]]
        if (stage === 'declined') steps.push(['decline', 'collecting', 'ended', '居代业不启动公告', new Date(started.getTime() + 15 * DAY)])
        if (stage === 'acting' || stage === 'terminated') steps.push(['appoint', 'collecting', 'acting', '居代业指定公告', new Date(started.getTime() + 15 * DAY)])
        if (stage === 'terminated') steps.push(['terminate', 'acting', 'ended', '居代业终止公告', new Date(started.getTime() + 15 * DAY + r.int(30, 200) * DAY)])
        const last = steps[steps.length - 1]
        const state = last[2]
        const ended = state === 'ended' ? last[4] : null
        const actingSince = stage === 'acting' || stage === 'terminated' ? steps[1][4] : null
        proxies.push([id, estate.id, state, stage === 'declined' ? 'declined' : stage === 'terminated' ? 'terminated' : null, '未成立业主委员会，经社区摸底需由居委会代行',
          actingSince ? agent : null, publisher.id, started, actingSince, ended, steps.length, started, last[4]])
        for (const [action, from, to, title, when] of steps) {
          events.push(['proxy_governance', id, action, from, to, publisher.id, publisher.name, publisher.role, action === 'start' ? null : '经街道办研究决定', '{}', when])
          const content = `<p>${esc(`${estate.name}：${title.replace('公告', '')}，特此公告。`)}</p>`
          announce(estate, 'proxy_governance', `${estate.name}${title}`, { content }, content, 'published', 'proxy_governance', id, publisher.id, when, null)
        }
        if (state === 'collecting') {
          todos.push(['proxy_governance', id, 'collecting', `${estate.name} 居代业意见征集`, `${estate.community_name} · 待决定不启动或指定`, estate.street_id, '{street_head,street_handler}', 'proxy_governance.handle', null, started])
        } else {
          todos.push(['proxy_governance', id, 'collecting', `${estate.name} 居代业意见征集`, `${estate.community_name} · 待决定不启动或指定`, estate.street_id, '{street_head,street_handler}', 'proxy_governance.handle', null, started, steps[1][4], publisher.id, 'done'])
        }
      }
      bar.increment()
    }
    bar.stop()

    const proxyCount = await ctx.copy('proxy_governances',
      ['id', 'estate_id', 'state', 'outcome', 'reason', 'agent', 'started_by', 'started_at', 'acting_since', 'ended_at', 'version', 'created_at', 'updated_at'], proxies)
    const disclosureCount = await ctx.copy('disclosures',
      ['id', 'template_id', 'estate_id', 'title', 'fields', 'body_html', 'state', 'source', 'source_id', 'created_by', 'published_by', 'published_at', 'voided_by', 'voided_at', 'void_reason', 'version', 'created_at', 'updated_at'], rows)
    await ctx.copy('workflow_events', ['process', 'subject_id', 'action', 'from_state', 'to_state', 'actor_id', 'actor_name', 'actor_role', 'remark', 'data', 'created_at'], events)
    const open = todos.filter((row) => row.length === 10)
    const closed = todos.filter((row) => row.length === 13)
    await ctx.copy('todos', ['process', 'subject_id', 'step', 'title', 'summary', 'region_id', 'roles', 'feature', 'due_on', 'created_at'], open)
    await ctx.copy('todos', ['process', 'subject_id', 'step', 'title', 'summary', 'region_id', 'roles', 'feature', 'due_on', 'created_at', 'closed_at', 'closed_by', 'outcome'], closed)
    await ctx.syncSequence('disclosures')
    await ctx.syncSequence('proxy_governances')
    ctx.log(`${disclosureCount} announcements, ${proxyCount} 居代业`)
    return { disclosures: disclosureCount, proxy_governances: proxyCount, workflow_events: events.length, todos: todos.length }
  },
}
