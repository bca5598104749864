/**
 * 电子投票 (module 17): casting ballots through the API — the issue's "≥ 500 ballots/s sustained through
 * the API on this machine with exact totals afterwards".
 *
 * Self-contained fixture in szpm_bench (removed again at the end, also on failure): the estate with the
 * most registered houses; OWNER_ACCOUNTS owner accounts (role owner, phones 1990000xxxx, the demo
 * password copied from the city admin's row) bound (owner_accounts) to the register's owners of those
 * houses, round robin; one published 业主大会 open now with TOPICS topics. Each account signs in once
 * (password + SMS code, the bench's SMS stub) and is one closed-loop virtual user with no think time:
 * pass after pass over its houses × topics for DURATION_MS, each ballot a `POST
 * /api/v1/voting/topics/:id/ballots` with a fresh request_id (a changed choice every pass, so the
 * standing ballot is replaced), and every REPLAY_EVERY-th request re-sent with the key of the one
 * before (a double submit: it must answer 200 `replayed` with the same ballot).
 *
 * Afterwards, asserted exactly (the section **aborts** otherwise): ballots in voting_ballots = accepted
 * 201s; one standing ballot per house × topic that was voted, whose choice is the last one the client
 * got a 201 for; every replay answered the first ballot's id; counts by choice per topic equal; and the
 * API's live tally (`GET /api/v1/voting/meetings/:id` as the city admin) counts the participating
 * houses' owners and the 同意 area that PostgreSQL sums from the standing ballots.
 */
import { randomUUID } from 'node:crypto'
import { ApiClient } from '../lib/http.mjs'
import { liftOtpLimits } from '../lib/sms.mjs'
import { percentile } from '../lib/stats.mjs'
import { int, ms, table, verdict, progress } from '../lib/report.mjs'

const OWNER_ACCOUNTS = 32
const TOPICS = 3
const DURATION_MS = 30_000
const REPLAY_EVERY = 50
const PHONE_BASE = 19900000000
const CHOICES = ['agree', 'oppose', 'abstain']

async function cleanup(pool, meetingId) {
  if (meetingId) await pool.query('DELETE FROM voting_meetings WHERE id = $1', [meetingId]) // topics, ballots, standing cascade
  await pool.query(`DELETE FROM owner_accounts WHERE user_id IN (SELECT id FROM users WHERE phone LIKE '1990000%' AND role = 'owner')`)
  await pool.query(`DELETE FROM users WHERE phone LIKE '1990000%' AND role = 'owner'`)
}

export async function runVoting(ctx) {
  const { pool, env } = ctx
  await cleanup(pool, null)
  const { rows: [estate] } = await pool.query(
    `SELECT e.id, e.name, e.community_id, count(*)::int AS houses FROM estates e JOIN houses h ON h.estate_id = e.id AND h.owner_id IS NOT NULL
      GROUP BY e.id ORDER BY count(*) DESC, e.id LIMIT 1`)
  if (!estate) throw new Error('no estate with registered houses in szpm_bench')
  const { rows: houses } = await pool.query('SELECT id::int AS id, owner_id::int AS owner_id FROM houses WHERE estate_id = $1 AND owner_id IS NOT NULL ORDER BY id', [estate.id])
  const { rows: [{ password }] } = await pool.query(`SELECT password FROM users WHERE phone = '13800000000'`)
  let meetingId = null
  try {
    // the owner accounts, each bound to the owners of every OWNER_ACCOUNTS-th house (one account per owner, so a house has one voter)
    const accounts = []
    for (let i = 0; i < OWNER_ACCOUNTS; i++) {
      const phone = String(PHONE_BASE + i)
      const { rows: [user] } = await pool.query(
        `INSERT INTO users (name, phone, password, role, region_id, status, created_at, updated_at) VALUES ($1, $2, $3, 'owner', $4, 'active', now(), now()) RETURNING id`,
        [`压测业主${i + 1}`, phone, password, estate.community_id])
      accounts.push({ id: user.id, phone, houses: [] })
    }
    const ownerAccount = new Map()
    for (const house of houses) {
      if (!ownerAccount.has(house.owner_id)) ownerAccount.set(house.owner_id, accounts[ownerAccount.size % OWNER_ACCOUNTS])
      ownerAccount.get(house.owner_id).houses.push(house.id)
    }
    for (const [ownerId, account] of ownerAccount) await pool.query('INSERT INTO owner_accounts (user_id, owner_id) VALUES ($1, $2)', [account.id, ownerId])
    const { rows: [meeting] } = await pool.query(
      `INSERT INTO voting_meetings (estate_id, kind, convener, title, opens_at, closes_at, status, published_at)
       VALUES ($1, 'owners_assembly', 'committee', '压测业主大会', now() - interval '1 hour', now() + interval '2 hours', 'published', now()) RETURNING id`, [estate.id])
    meetingId = meeting.id
    const { rows: topics } = await pool.query(
      `INSERT INTO voting_topics (meeting_id, seq, title, art278_item) SELECT $1, s, '压测议题' || s, CASE s WHEN 2 THEN 6 ELSE 4 END FROM generate_series(1, $2) s RETURNING id`,
      [meetingId, TOPICS])
    const topicIds = topics.map((t) => t.id)

    progress(`voting: signing in ${OWNER_ACCOUNTS} owner accounts of ${estate.name} (${int(houses.length)} houses, ${ownerAccount.size} register owners)`)
    const clients = []
    for (const account of accounts) {
      await liftOtpLimits(env.REDIS_URL)
      const client = new ApiClient(env.APP_URL, { smsCode: ctx.smsCode })
      await client.login(account.phone)
      clients.push({ client, account })
    }

    progress(`voting: casting for ${DURATION_MS / 1000} s, ${OWNER_ACCOUNTS} virtual users, ${TOPICS} topics`)
    const expected = new Map() // `${topic}:${house}` → last accepted choice
    const latencies = []
    let accepted = 0
    let replays = 0
    const failures = []
    const started = performance.now()
    const deadline = started + DURATION_MS
    await Promise.all(clients.map(async ({ client, account }, vu) => {
      if (account.houses.length === 0) return
      let pass = 0
      let sent = 0
      let last = null
      while (performance.now() < deadline) {
        for (const houseId of account.houses) {
          for (const topicId of topicIds) {
            if (performance.now() >= deadline) return
            const choice = CHOICES[(houseId + topicId + pass + vu) % 3]
            const replay = last && ++sent % REPLAY_EVERY === 0
            const body = replay ? last.body : { house_id: houseId, choice, request_id: randomUUID() }
            const t0 = performance.now()
            const response = await client.fetch(`/api/v1/voting/topics/${replay ? last.topicId : topicId}/ballots`, { method: 'POST', body })
            const text = await response.text()
            latencies.push(performance.now() - t0)
            if (replay) {
              replays++
              const answer = JSON.parse(text)
              if (response.status !== 200 || !answer.meta?.replayed || answer.data.ballotId !== last.ballotId) failures.push(`replay → ${response.status} ${text.slice(0, 200)}`)
              continue
            }
            if (response.status !== 201) {
              failures.push(`ballot → ${response.status} ${text.slice(0, 200)}`)
              continue
            }
            accepted++
            expected.set(`${topicId}:${houseId}`, choice)
            last = { topicId, body, ballotId: JSON.parse(text).data.ballotId }
          }
        }
        pass++
      }
    }))
    const seconds = (performance.now() - started) / 1000
    if (failures.length) throw new Error(`voting: ${failures.length} ballot request(s) failed, e.g. ${failures[0]}`)

    // exact totals afterwards
    const { rows: [{ ballots }] } = await pool.query('SELECT count(*)::int AS ballots FROM voting_ballots WHERE topic_id = ANY($1::int[])', [topicIds])
    if (ballots !== accepted) throw new Error(`voting: ${ballots} ballots stored, ${accepted} accepted`)
    const { rows: standing } = await pool.query('SELECT topic_id, house_id::int AS house_id, choice FROM voting_standing_ballots WHERE topic_id = ANY($1::int[])', [topicIds])
    if (standing.length !== expected.size) throw new Error(`voting: ${standing.length} standing ballots, ${expected.size} houses × topics voted`)
    for (const row of standing) {
      if (expected.get(`${row.topic_id}:${row.house_id}`) !== row.choice) throw new Error(`voting: topic ${row.topic_id} house ${row.house_id} stands ${row.choice}, the last accepted was ${expected.get(`${row.topic_id}:${row.house_id}`)}`)
    }
    const { rows: agreeArea } = await pool.query(
      `SELECT s.topic_id, (sum(h.building_area) FILTER (WHERE s.choice = 'agree'))::numeric(14,2)::text AS agree_area, (sum(h.building_area))::numeric(14,2)::text AS area
         FROM voting_standing_ballots s JOIN houses h ON h.id = s.house_id WHERE s.topic_id = ANY($1::int[]) GROUP BY s.topic_id`, [topicIds])
    const shown = await ctx.admin.get(`/api/v1/voting/meetings/${meetingId}`)
    for (const topic of shown.data.topics) {
      // a topic no ballot reached before the deadline (a saturated machine) has no standing ballots: 0.00 on both sides
      const pg = agreeArea.find((row) => row.topic_id === topic.id) ?? { area: '0.00', agree_area: null }
      if (topic.result.participatingArea !== pg.area || topic.result.agreeArea !== (pg.agree_area ?? '0.00')) {
        throw new Error(`voting: the API's live tally of topic ${topic.id} (${topic.result.participatingArea} / ${topic.result.agreeArea} m²) ≠ PostgreSQL (${pg?.area} / ${pg?.agree_area})`)
      }
    }
    const rate = (accepted + replays) / seconds
    const markdown = [
      `${OWNER_ACCOUNTS} owner accounts signed in (one session each) bound to the owners of ${int(houses.length)} houses of ${estate.name} (the estate with the most registered houses); one open 业主大会 with ${TOPICS} topics. ` +
        `${OWNER_ACCOUNTS} closed-loop virtual users, no think time, ${DURATION_MS / 1000} s: \`POST /api/v1/voting/topics/:id/ballots\` pass after pass over each account's houses × topics (each pass changes the choice: the standing ballot is replaced), every ${REPLAY_EVERY}th request a double submit of the one before. ` +
        'Afterwards asserted exactly: stored ballots = accepted 201s, one standing ballot per voted house × topic holding the last accepted choice, every replay answered with the first ballot, the API\'s live tally (participating and 同意 area) = PostgreSQL\'s sums over the standing ballots. The fixture is removed afterwards.',
      '',
      table(['ballots accepted', 'double submits (200 replayed)', 'seconds', 'requests/s', 'latency p50 / p95 / p99 (ms)', 'standing ballots'],
        [[int(accepted), int(replays), seconds.toFixed(1), int(rate), `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 95))} / ${ms(percentile(latencies, 99))}`, int(standing.length)]]),
    ].join('\n')
    const targets = [
      verdict('电子投票: casting ≥ 500 ballots/s sustained through the API, exact totals afterwards', `${int(accepted / seconds)} ballots/s accepted (${int(rate)} requests/s with the double submits) over ${seconds.toFixed(0)} s; totals exact`, accepted / seconds >= 500,
        'Each ballot is one transaction (the meeting row FOR SHARE, the owner check, the ballot, the standing upsert) plus the session and audit-log writes of the request; the API is one Node process sharing the cores with PostgreSQL and the client.'),
    ]
    return { title: '电子投票: casting ballots through the API', markdown, targets }
  } finally {
    await cleanup(pool, meetingId)
  }
}
