import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangeCache } from './cache.js';
import { type ChangeFeed, createChangeFeed } from './changes.js';
import { manualClock } from './clock.js';

let changes: ChangeFeed;
const clock = manualClock('2026-11-24T12:00:00Z');

beforeEach(async () => {
  changes = await createChangeFeed(undefined);
  clock.set('2026-11-24T12:00:00Z');
});
afterEach(() => changes.close());

/** A loader that counts its calls and answers each key with its name and the call's number. */
function counting(expiresAt: Date | null = null) {
  const calls: string[][] = [];
  const load = async (keys: string[]) => {
    calls.push(keys);
    return { values: new Map(keys.map((k) => [k, `${k}#${calls.length}`])), expiresAt };
  };
  return { calls, load };
}

describe('a cache dropped by changes', () => {
  it('loads only the keys it does not hold, in one call, and shares a load between concurrent callers', async () => {
    const cache = new ChangeCache<string>(changes, clock, ['markets']);
    const { calls, load } = counting();
    const [a, b] = await Promise.all([cache.getMany(['US', 'DE'], load), cache.getMany(['DE', 'US'], load)]);
    expect(calls).toEqual([['US', 'DE']]);
    expect(a).toEqual(
      new Map([
        ['US', 'US#1'],
        ['DE', 'DE#1'],
      ]),
    );
    expect(b.get('DE')).toBe('DE#1');
    expect(await cache.getMany(['US', 'JP', 'US'], load)).toEqual(
      new Map([
        ['US', 'US#1'],
        ['JP', 'JP#2'],
      ]),
    );
    expect(calls).toEqual([['US', 'DE'], ['JP']]);
  });

  it('reads again after a change of its topics, and not after other changes', async () => {
    const cache = new ChangeCache<string>(changes, clock, ['markets']);
    const { calls, load } = counting();
    await cache.getMany(['US'], load);
    await changes.publish('prices');
    expect((await cache.getMany(['US'], load)).get('US')).toBe('US#1');
    await changes.publish('markets');
    expect((await cache.getMany(['US'], load)).get('US')).toBe('US#2');
    expect(calls).toHaveLength(2);
  });

  it('does not keep what a load read before a change that came while it ran', async () => {
    const cache = new ChangeCache<string>(changes, clock);
    let release!: () => void;
    const started = cache.get('US', async () => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return { value: 'before the change', expiresAt: null };
    });
    await changes.publish('catalog');
    release();
    expect(await started).toBe('before the change');
    expect(await cache.get('US', async () => ({ value: 'after the change', expiresAt: null }))).toBe(
      'after the change',
    );
  });

  it('reads again once the values stop being true by themselves, or when the clock is set back before the load', async () => {
    const cache = new ChangeCache<string>(changes, clock);
    const { calls, load } = counting(new Date('2026-11-24T13:00:00Z'));
    await cache.getMany(['US'], load);
    clock.set('2026-11-24T12:59:59.999Z');
    await cache.getMany(['US'], load);
    expect(calls).toHaveLength(1);
    clock.set('2026-11-24T13:00:00Z');
    await cache.getMany(['US'], load);
    expect(calls).toHaveLength(2);
    clock.set('2026-11-24T12:30:00Z');
    await cache.getMany(['US'], load);
    expect(calls).toHaveLength(3);
  });

  it('keeps no failed load: the next caller tries again', async () => {
    const cache = new ChangeCache<string>(changes, clock);
    await expect(cache.get('US', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await cache.get('US', async () => ({ value: 'up again', expiresAt: null }))).toBe('up again');
  });

  it('refuses a loader that leaves a key out', async () => {
    const cache = new ChangeCache<string>(changes, clock);
    await expect(
      cache.getMany(['US', 'DE'], async () => ({ values: new Map([['US', 'x']]), expiresAt: null })),
    ).rejects.toThrow('left out "DE"');
  });
});
