import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type pg from 'pg';

// Change notifications, so that caches are dropped exactly when what they hold changes.
// In-process listeners hear a change at once; with PostgreSQL the change is also sent with
// NOTIFY, so every other app instance on the same database drops its caches too.

export type Topic =
  | 'catalog'
  | 'markets'
  | 'assortment'
  | 'certificates'
  | 'ecosystem'
  | 'prices'
  | 'flash-sales'
  | 'spam-lessons'
  | 'spam-lessons-forgotten'
  | 'spam-keys';

const CHANNEL = 'marketgate_changes';

export interface ChangeFeed {
  /** Call after the change is committed. */
  publish(topic: Topic): Promise<void>;
  subscribe(listener: (topic: Topic) => void): () => void;
  close(): Promise<void>;
}

export async function createChangeFeed(pool: pg.Pool | undefined): Promise<ChangeFeed> {
  const local = new EventEmitter();
  local.setMaxListeners(100);
  const emit = (topic: Topic) => local.emit('change', topic);

  // This process hears its own changes at once; NOTIFY is for the others, so each message carries
  // the sender's id and the sender ignores its own.
  const instance = randomUUID();
  let listener: pg.PoolClient | undefined;
  if (pool) {
    listener = await pool.connect();
    listener.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      const [from, topic] = message.payload.split(' ');
      if (from !== instance && topic) emit(topic as Topic);
    });
    await listener.query(`listen ${CHANNEL}`);
  }

  return {
    async publish(topic) {
      emit(topic);
      if (pool) await pool.query('select pg_notify($1, $2)', [CHANNEL, `${instance} ${topic}`]);
    },
    subscribe(fn) {
      local.on('change', fn);
      return () => local.off('change', fn);
    },
    async close() {
      local.removeAllListeners();
      if (listener) {
        await listener.query(`unlisten ${CHANNEL}`).catch(() => {});
        listener.release();
      }
    },
  };
}
