/**
 * Two throwaway local ClickHouse servers (the Debian 18.16 the stack runs, see
 * scripts/lib/services.mjs) that form one `remote_servers` cluster of 2 shards × 1 replica, for the
 * cluster test. Each server gets its own data dir under one temporary folder and its own free ports;
 * `stop()` terminates both (by the pid each wrote) and removes the folder — call it also on failure.
 *
 * The cluster's users.xml profile carries the two settings the warehouse relies on over Distributed
 * tables (see warehouse/src/cluster.ts): insert_distributed_sync = 1 (an insert returns once every
 * shard has its rows, so a drained batch is visible and a failed shard fails the batch) and
 * distributed_product_mode = 'local' (a JOIN / IN subquery over a Distributed table reads the shard's
 * local table: correct because every table is sharded by the same estate key).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export type ClusterNode = {
  /** HTTP URL of this server (what a Warehouse connects to) */
  readonly url: string
  readonly tcpPort: number
  readonly dir: string
}

export type LocalCluster = {
  /** the `remote_servers` name both servers know */
  readonly name: string
  readonly nodes: readonly ClusterNode[]
  stop(): Promise<void>
}

const clickhouseBin = () => ['/usr/bin/clickhouse-server', '/usr/sbin/clickhouse-server'].find((bin) => existsSync(bin)) ?? 'clickhouse-server'

/** A port nobody listens on right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

async function ping(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/ping`)).ok
  } catch {
    return false
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function usersXml(): string {
  return `<?xml version="1.0"?>
<yandex>
  <profiles><default>
    <max_memory_usage>2000000000</max_memory_usage>
    <insert_distributed_sync>1</insert_distributed_sync>
    <distributed_product_mode>local</distributed_product_mode>
  </default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`
}

function configXml(dir: string, ports: { http: number; tcp: number; interserver: number }, cluster: string, shardTcpPorts: readonly number[]): string {
  const shards = shardTcpPorts.map((port) => `<shard><replica><host>127.0.0.1</host><port>${port}</port></replica></shard>`).join('')
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/log/server.log</log><errorlog>${dir}/log/error.log</errorlog><size>10M</size><count>1</count></logger>
  <http_port>${ports.http}</http_port>
  <tcp_port>${ports.tcp}</tcp_port>
  <interserver_http_port>${ports.interserver}</interserver_http_port>
  <listen_host>127.0.0.1</listen_host>
  <max_connections>64</max_connections>
  <max_concurrent_queries>50</max_concurrent_queries>
  <mark_cache_size>67108864</mark_cache_size>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>Asia/Shanghai</timezone>
  <mlock_executable>false</mlock_executable>
  <remote_servers><${cluster}>${shards}</${cluster}></remote_servers>
</yandex>
`
}

/** Starts both servers (in parallel) and waits until each answers /ping; stops what started when one fails. */
export async function startLocalCluster(options: { name?: string; timeoutMs?: number } = {}): Promise<LocalCluster> {
  const name = options.name ?? 'szpm_test_cluster'
  const timeoutMs = options.timeoutMs ?? 30_000
  const root = mkdtempSync(path.join(os.tmpdir(), 'szpm-ch-cluster-'))
  const ports: Array<{ http: number; tcp: number; interserver: number }> = []
  const taken = new Set<number>()
  const nextPort = async () => {
    for (;;) {
      const port = await freePort()
      if (!taken.has(port)) {
        taken.add(port)
        return port
      }
    }
  }
  for (let i = 0; i < 2; i++) ports.push({ http: await nextPort(), tcp: await nextPort(), interserver: await nextPort() })
  const nodes: ClusterNode[] = ports.map((port, i) => ({ url: `http://127.0.0.1:${port.http}`, tcpPort: port.tcp, dir: path.join(root, `node${i + 1}`) }))
  const pids: number[] = []

  const stop = async () => {
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGTERM')
      } catch {
        // already gone
      }
    }
    const started = Date.now()
    while (pids.some(alive) && Date.now() - started < 15_000) await sleep(100)
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL')
    pids.length = 0
    rmSync(root, { recursive: true, force: true })
  }

  try {
    for (const [i, node] of nodes.entries()) {
      for (const sub of ['data', 'tmp', 'user_files', 'format_schemas', 'log']) mkdirSync(path.join(node.dir, sub), { recursive: true })
      writeFileSync(path.join(node.dir, 'users.xml'), usersXml())
      writeFileSync(path.join(node.dir, 'config.xml'), configXml(node.dir, ports[i], name, ports.map((port) => port.tcp)))
      const pidFile = path.join(node.dir, 'clickhouse.pid')
      execFileSync(clickhouseBin(), ['--config-file', path.join(node.dir, 'config.xml'), '--pid-file', pidFile, '--daemon'], { cwd: node.dir, stdio: 'ignore' })
      // --daemon returns before the pid file exists
      const started = Date.now()
      while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8').trim() === '') {
        if (Date.now() - started > timeoutMs) throw new Error(`ClickHouse node ${i + 1} wrote no pid file within ${timeoutMs / 1000}s`)
        await sleep(50)
      }
      pids.push(Number(readFileSync(pidFile, 'utf8').trim()))
    }
    for (const [i, node] of nodes.entries()) {
      const started = Date.now()
      while (!(await ping(node.url))) {
        if (Date.now() - started > timeoutMs) {
          const errors = existsSync(path.join(node.dir, 'log/error.log')) ? readFileSync(path.join(node.dir, 'log/error.log'), 'utf8').slice(-2000) : ''
          throw new Error(`ClickHouse node ${i + 1} did not answer ${node.url}/ping within ${timeoutMs / 1000}s\n${errors}`)
        }
        await sleep(100)
      }
    }
  } catch (error) {
    await stop()
    throw error
  }
  return { name, nodes, stop }
}
