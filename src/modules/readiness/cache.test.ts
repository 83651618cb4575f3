import { describe, expect, it } from 'vitest';
import { CachedRows } from './cache.js';

/** A loader whose loads the test finishes by hand, in any order. */
function controllableLoader() {
  const loads: Array<{ resolve: (rows: string) => void; reject: (error: Error) => void }> = [];
  const load = () =>
    new Promise<string>((resolve, reject) => {
      loads.push({ resolve, reject });
    });
  return { load, loads };
}

describe('rows kept until a change', () => {
  it('reads once, shares the load between concurrent callers and keeps the rows', async () => {
    const { load, loads } = controllableLoader();
    const rows = new CachedRows(load);
    const first = rows.get();
    const second = rows.get();
    expect(loads).toHaveLength(1);
    loads[0]!.resolve('rows');
    expect([await first, await second]).toEqual(['rows', 'rows']);
    expect(await rows.get()).toBe('rows');
    expect(await rows.held()).toBe('rows');
    expect(loads).toHaveLength(1);
  });

  it('reads again after a change', async () => {
    const { load, loads } = controllableLoader();
    const rows = new CachedRows(load);
    const before = rows.get();
    loads[0]!.resolve('before');
    await before;
    rows.drop();
    expect(rows.held()).toBeUndefined();
    const after = rows.get();
    loads[1]!.resolve('after');
    expect(await after).toBe('after');
  });

  it('never keeps rows a load read before a change it raced, whichever load finishes first', async () => {
    const { load, loads } = controllableLoader();
    const rows = new CachedRows(load);
    const stale = rows.get(); // started before the change: may have read the data before it
    rows.drop();
    const fresh = rows.get();
    expect(loads).toHaveLength(2);
    loads[1]!.resolve('fresh');
    expect(await fresh).toBe('fresh');
    loads[0]!.resolve('stale'); // the racing load ends last
    expect(await stale).toBe('stale'); // its caller asked before the change
    expect(await rows.get()).toBe('fresh');
    expect(loads).toHaveLength(2);
  });

  it('does not keep the rows of a load that ends after a change, even with no load since', async () => {
    const { load, loads } = controllableLoader();
    const rows = new CachedRows(load);
    const stale = rows.get();
    rows.drop();
    loads[0]!.resolve('stale');
    await stale;
    expect(rows.held()).toBeUndefined();
    const next = rows.get();
    expect(loads).toHaveLength(2);
    loads[1]!.resolve('fresh');
    expect(await next).toBe('fresh');
  });

  it('does not keep a failed load: the next caller reads again', async () => {
    const { load, loads } = controllableLoader();
    const rows = new CachedRows(load);
    const failed = rows.get();
    loads[0]!.reject(new Error('connection lost'));
    await expect(failed).rejects.toThrow('connection lost');
    expect(rows.held()).toBeUndefined();
    const retried = rows.get();
    loads[1]!.resolve('rows');
    expect(await retried).toBe('rows');
  });
});
