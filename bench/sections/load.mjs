/**
 * 4. HTTP load with autocannon, loopback only, as the street handler 13800000003:
 *    read  — GET /api/v1/stats/filings (园岭街道 → communities); non-2xx must be 0.
 *    write — POST /api/v1/filings: a new 业主大会备案 dated 2001-01-01 on the street's estates in turn
 *            (toggling a filing's status needs its current version, which concurrent clients cannot
 *            know; a create is the same transaction shape: record + history + outbox event).
 *            Each run adds these filings to szpm_bench (old-dated, so they rarely change a state).
 */
import autocannon from 'autocannon'
import { int, ms, table, verdict, progress } from '../lib/report.mjs'

function cannon(options) {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)))
  })
}

export async function runLoad(ctx) {
  const { handler, pool, regions } = ctx
  const url = handler.baseUrl
  if (new URL(url).hostname !== '127.0.0.1') throw new Error('load only targets 127.0.0.1')
  const headers = handler.authHeaders()
  const base = { url, connections: ctx.loadConnections, duration: ctx.loadSeconds, timeout: 10 }

  progress(`load: GET /api/v1/stats/filings, ${base.connections} connections × ${base.duration} s`)
  const read = await cannon({ ...base, title: 'read', method: 'GET', path: '/api/v1/stats/filings', headers })

  const { rows } = await pool.query('SELECT id FROM estates WHERE street_id = $1 ORDER BY id', [regions.street.id])
  let next = 0
  progress(`load: POST /api/v1/filings, ${base.connections} connections × ${base.duration} s`)
  const write = await cannon({
    ...base,
    title: 'write',
    headers: { ...headers, 'content-type': 'application/json' },
    requests: [{
      method: 'POST',
      path: '/api/v1/filings',
      setupRequest(request) {
        const estate = rows[next++ % rows.length].id
        request.body = JSON.stringify({ estate_id: estate, kind: 'assembly', document_no: `BENCH-${Date.now()}-${next}`, filed_on: '2001-01-01' })
        return request
      },
    }],
  })

  const line = (name, r) => [
    name, int(r.requests.average), int(r.requests.total ?? r.requests.sent), ms(r.latency.p50), ms(r.latency.p99), int(r.non2xx), int(r.errors + r.timeouts),
  ]
  const markdown = [
    `autocannon ${ctx.loadConnections} connections, ${ctx.loadSeconds} s each, against 127.0.0.1:${new URL(url).port}, logged in as 13800000003 ` +
      '(session cookie + X-XSRF-TOKEN). Write = POST /api/v1/filings creating 业主大会备案 records on the estates of 园岭街道 in turn ' +
      '(documented alternative to PATCH, whose optimistic version cannot be tracked by concurrent clients).',
    '',
    table(['endpoint', 'req/s (avg)', 'requests', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'], [
      line('GET /api/v1/stats/filings', read),
      line('POST /api/v1/filings', write),
    ]),
  ].join('\n')
  const checks = [verdict('(bench check) read endpoint: 0 non-2xx under load', `${int(read.non2xx)} non-2xx, status codes ${JSON.stringify(read.statusCodeStats)}`,
    read.non2xx === 0 && read.errors === 0, 'A failing read under load is a bug, not a performance bound: see the API log.')]
  return { title: '4. HTTP load', markdown, targets: checks }
}
