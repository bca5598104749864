/**
 * Fault injection for functional tests: a port nothing listens on, and the API's warehouse client
 * pointed at it for the duration of a callback (the statistics service and /health/ready resolve
 * the `warehouse` binding per request, so they see the dead one).
 */
import net from 'node:net'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { createWarehouse } from '@szpm/warehouse'

/** A TCP port on 127.0.0.1 that was free a moment ago (connections to it are refused). */
export async function closedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** Runs `work` with the API's warehouse client at `url` (default: a closed port), then restores it. */
export async function withWarehouseAt<T>(work: () => Promise<T>, url?: string): Promise<T> {
  const original = await app.container.make('warehouse')
  const dead = createWarehouse({ url: url ?? `http://127.0.0.1:${await closedPort()}`, database: env.get('CLICKHOUSE_DATABASE'), requestTimeoutMs: 2000 })
  app.container.bindValue('warehouse', dead)
  try {
    return await work()
  } finally {
    app.container.bindValue('warehouse', original)
    await dead.close()
  }
}
