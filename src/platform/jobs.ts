import type { FastifyBaseLogger } from 'fastify';

// The one way to run a background job: every N ms, one run at a time, errors logged and the
// schedule kept. Jobs must be idempotent, since every app instance runs them.

export interface Jobs {
  every(name: string, intervalMs: number, run: () => Promise<void>): void;
  stop(): Promise<void>;
}

export function createJobs(log: FastifyBaseLogger): Jobs {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  let stopped = false;

  return {
    every(name, intervalMs, run) {
      let busy = false;
      const timer = setInterval(() => {
        if (busy || stopped) return;
        busy = true;
        const done = run()
          .catch((error) => log.error({ err: error, job: name }, 'background job failed'))
          .finally(() => {
            busy = false;
            running.delete(done);
          });
        running.add(done);
      }, intervalMs);
      timer.unref();
      timers.push(timer);
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running);
    },
  };
}
