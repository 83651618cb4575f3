// Redis for the benchmarks that use it: what a run wrote is found by its key prefix and removed.

/** Deletes every key that starts with prefix; returns how many. */
export async function deleteKeys(redis, prefix) {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (found.length > 0) deleted += await redis.unlink(...found);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
