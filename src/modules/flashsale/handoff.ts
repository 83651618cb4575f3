import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import { checkViolation, transient } from '../../platform/database/errors.js';
import type { Database } from '../../platform/database/index.js';
import { applyEvents, eventOf, type HandoffEvent } from './handoff-store.js';
import { type FlashSaleKeys, HANDOFF_GROUP } from './redis-scripts.js';

// The durable hand-off of the Redis engine's admissions to the database. Every admission, payment
// and expiry is appended to a shard's stream by the script that made it; every app instance runs
// one consumer in a consumer group, so each entry goes to one of them. A consumer applies a batch
// in one transaction and acknowledges (and deletes) the entries only after the commit: a crash in
// between leaves them pending, and another consumer claims them once idle (XAUTOCLAIM) and
// applies them again, which changes nothing the second time (handoff-store.ts). Entries may so
// be applied out of order (two consumers, a claimed batch); the end state is the same.

type Log = Pick<FastifyBaseLogger, 'warn' | 'error'>;

type Entry = [id: string, fields: string[] | null];

export interface HandoffOptions {
  /** Entries read and applied per transaction. */
  batch?: number;
  /** A pending entry idle this long is taken over from its consumer, presumed dead. */
  claimIdleMs?: number;
  /** How long one read waits for new entries; stop() waits at most this long. */
  blockMs?: number;
}

export class Handoff {
  /** Unique per process start: a restarted instance never mistakes a dead one's entries for its own. */
  readonly consumer = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  private readonly batch: number;
  private readonly claimIdleMs: number;
  private readonly blockMs: number;
  private reader: Redis | undefined;
  private loop: Promise<void> | undefined;
  private stopping = false;
  /** Ends the back-off after a failure early, when stopping. */
  private wake: (() => void) | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly db: Database,
    private readonly keys: FlashSaleKeys,
    private readonly log: Log,
    options: HandoffOptions = {},
  ) {
    this.batch = options.batch ?? 500;
    this.claimIdleMs = options.claimIdleMs ?? 5_000;
    this.blockMs = options.blockMs ?? 500;
  }

  start(): void {
    if (this.loop) return;
    // Blocking reads get their own connection, so they never delay the admissions' commands.
    this.reader = this.redis.duplicate();
    this.loop = this.run(this.reader);
  }

  /** Finishes the batch in hand, then stops reading; what is left stays for the other instances. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.reader?.disconnect();
  }

  /**
   * Resolves once every entry appended so far, by any instance, is applied to the database: true,
   * or false when that took longer than timeoutMs.
   */
  async drained(timeoutMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    const streams = this.keys.streams();
    const tails = await this.redis.pipeline(streams.map((s) => ['xrevrange', s, '+', '-', 'COUNT', '1'])).exec();
    let waiting: Array<[string, string]> = [];
    tails?.forEach(([error, entries], i) => {
      if (error) throw error;
      const last = (entries as Entry[])[0];
      if (last) waiting.push([streams[i]!, last[0]]);
    });
    // Entries are deleted once applied, so none left up to the tail means all of them are in.
    while (waiting.length > 0) {
      const left = await this.redis.pipeline(waiting.map(([s, tail]) => ['xrange', s, '-', tail, 'COUNT', '1'])).exec();
      waiting = waiting.filter((_, i) => {
        const [error, entries] = left![i]!;
        if (error) throw error;
        return (entries as Entry[]).length > 0;
      });
      if (waiting.length === 0) break;
      if (Date.now() >= deadline) return false;
      await sleep(20);
    }
    return true;
  }

  private async run(reader: Redis): Promise<void> {
    const streams = this.keys.streams();
    let grouped = false;
    let claimedAt = 0;
    let failures = 0;
    while (!this.stopping) {
      try {
        if (!grouped) {
          await this.createGroups(reader, streams);
          grouped = true;
        }
        if (Date.now() - claimedAt >= Math.min(1_000, this.claimIdleMs)) {
          claimedAt = Date.now();
          for (const stream of streams) await this.claimIdle(reader, stream);
        }
        const reply = await reader.call(
          'XREADGROUP',
          'GROUP',
          HANDOFF_GROUP,
          this.consumer,
          'COUNT',
          this.batch,
          'BLOCK',
          this.blockMs,
          'STREAMS',
          ...streams,
          ...streams.map(() => '>'),
        );
        for (const [stream, entries] of streamsOf(reply)) await this.apply(reader, stream, entries);
        failures = 0;
      } catch (error) {
        if (this.stopping) break;
        if (String(error).includes('NOGROUP')) grouped = false;
        this.log.error({ err: error }, 'flash-sale hand-off: reading the streams failed; retrying');
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, Math.min(5_000, 100 * 2 ** failures++));
        });
      }
    }
  }

  private async createGroups(reader: Redis, streams: string[]): Promise<void> {
    // From the first entry: whatever was appended before any consumer existed is handed off too.
    const created = await reader
      .pipeline(streams.map((s) => ['xgroup', 'CREATE', s, HANDOFF_GROUP, '0', 'MKSTREAM']))
      .exec();
    for (const [error] of created ?? []) {
      if (error && !String(error).includes('BUSYGROUP')) throw error;
    }
  }

  /** Takes over entries a consumer read and never acknowledged (it died, or failed to apply them). */
  private async claimIdle(reader: Redis, stream: string): Promise<void> {
    let cursor = '0-0';
    do {
      const [next, entries] = (await reader.call(
        'XAUTOCLAIM',
        stream,
        HANDOFF_GROUP,
        this.consumer,
        this.claimIdleMs,
        cursor,
        'COUNT',
        this.batch,
      )) as [string, Entry[]];
      if (entries.length > 0) await this.apply(reader, stream, entries);
      cursor = next;
    } while (cursor !== '0-0' && !this.stopping);
  }

  private async apply(reader: Redis, stream: string, entries: Entry[]): Promise<void> {
    const events = new Map<string, HandoffEvent>();
    for (const [id, fields] of entries) {
      const event = fields && eventOf(fields);
      if (event) events.set(id, event);
      else this.log.error({ stream, entry: id }, 'flash-sale hand-off: unreadable entry dropped');
    }
    try {
      await this.db.transaction((tx) => applyEvents(tx, [...events.values()]));
      await acknowledge(
        reader,
        stream,
        entries.map(([id]) => id),
      );
    } catch (error) {
      // Anything but a counter's CHECK or a lost deadlock (the database is down, say): the
      // entries stay pending and are claimed again once idle.
      if (!checkViolation(error) && !transient(error)) throw error;
      if (entries.length === 1) {
        this.log.warn({ err: error, stream, entry: entries[0]![0] }, 'flash-sale hand-off: entry not applied yet');
        return;
      }
      // Entries applied out of order can cross a CHECK for a moment: a unit's next holder arrives
      // before the expiry that freed it, which another consumer holds. Two consumers' batches can
      // wait on each other's new rows. One at a time, the rest go in; an entry that still fails
      // stays pending until it fits.
      for (const entry of entries) await this.apply(reader, stream, [entry]);
    }
  }
}

async function acknowledge(reader: Redis, stream: string, ids: string[]): Promise<void> {
  const done = await reader
    .multi()
    .xack(stream, HANDOFF_GROUP, ...ids)
    .xdel(stream, ...ids)
    .exec();
  for (const [error] of done ?? []) if (error) throw error;
}

/** XREADGROUP's reply: [[stream, entries], ...] over RESP2, [stream, entries, ...] over RESP3. */
function streamsOf(reply: unknown): Array<[string, Entry[]]> {
  if (!Array.isArray(reply) || reply.length === 0) return [];
  if (typeof reply[0] !== 'string') return reply as Array<[string, Entry[]]>;
  const pairs: Array<[string, Entry[]]> = [];
  for (let i = 0; i + 1 < reply.length; i += 2) pairs.push([reply[i] as string, reply[i + 1] as Entry[]]);
  return pairs;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
