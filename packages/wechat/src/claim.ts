/**
 * Claims that die with their process. A holder names its host, pid and the process's start time;
 * a claim whose holder is a process on this host that is gone (or whose pid now belongs to a
 * later process) is taken over at once. Any other claim is a short lease that a heartbeat renews
 * while the process works, so a holder on another host that died lapses within one lease.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { hostname } from 'node:os'
import type { DeliveryKey, Ledger } from '@gongkai/core'

const HOST = hostname()
/** This process's start, epoch ms. */
const STARTED = Math.round(performance.timeOrigin)

/** A fresh holder name for one delivery call of this process. */
export function newHolder(): string {
  return `wechat@${HOST}#${process.pid}#${STARTED}#${randomUUID()}`
}

/** Start of process `pid` in epoch ms, from /proc (Linux); undefined where that cannot be read. */
function startOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Field 22 (starttime, clock ticks after boot) follows the command name, which may hold spaces.
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19])
    const btime = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1])
    if (!Number.isFinite(ticks) || !Number.isFinite(btime)) return undefined
    return btime * 1000 + ticks * 10
  } catch {
    return undefined
  }
}

/** True when `holder` is a process of this host that no longer runs: its claim died with it. */
export function isDeadHolder(holder: string): boolean {
  const m = /^wechat@(.*)#(\d+)#(\d+)#[0-9a-f-]+$/.exec(holder)
  if (m === null || m[1] !== HOST) return false
  const pid = Number(m[2])
  const started = Number(m[3])
  if (pid === process.pid) return started !== STARTED
  try {
    process.kill(pid, 0)
  } catch (error) {
    return (error as { code?: string }).code === 'ESRCH'
  }
  // The pid lives: the same process, unless it started at another time (the pid was reused).
  const actual = startOf(pid)
  return actual !== undefined && Math.abs(actual - started) > 5_000
}

/** Renews the claims of one holder every third of the lease until stopped. */
export class Heartbeat {
  readonly #keys = new Map<string, DeliveryKey>()
  readonly #timer: ReturnType<typeof setInterval>

  constructor(ledger: Ledger, holder: string, ttlMs: number) {
    this.#timer = setInterval(
      () => {
        for (const key of this.#keys.values()) void ledger.renew(key, holder, ttlMs).catch(() => false)
      },
      Math.max(50, Math.floor(ttlMs / 3)),
    )
    this.#timer.unref()
  }

  add(key: DeliveryKey): void {
    this.#keys.set(`${key.publication}\u0000${key.revision}`, key)
  }

  delete(key: DeliveryKey): void {
    this.#keys.delete(`${key.publication}\u0000${key.revision}`)
  }

  stop(): void {
    clearInterval(this.#timer)
  }
}
