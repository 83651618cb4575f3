// The Redis engine's key layout and its Lua scripts, shared by the engine (redis-engine.ts) and
// the hand-off to the database (handoff.ts).
//
// Every sale belongs to one of SHARDS shards, and all its keys carry the shard's hash tag, as do
// the shard's sorted set of holds and its hand-off stream. A script may only touch keys of one
// Redis Cluster slot; this way one script changes a sale's counters, records the hold and appends
// the event that hands it to the database, atomically, and a handful of streams (not one per
// sale) carry every admission. A hash tag per sale could not share a stream with other sales.

/** Fixed for good: a sale's shard is derived from its id, so changing this orphans live state. */
export const SHARDS = 16;

/** The consumer group every instance's hand-off consumer joins. */
export const HANDOFF_GROUP = 'database';

export function shardOf(saleId: string): number {
  // FNV-1a: stable across processes and versions, unlike anything seeded.
  let hash = 0x811c9dc5;
  for (let i = 0; i < saleId.length; i++) hash = Math.imul(hash ^ saleId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % SHARDS;
}

export class FlashSaleKeys {
  constructor(private readonly prefix: string) {}

  private tag(shard: number): string {
    return `${this.prefix}flashsale:{${shard}}`;
  }

  /** A sale's keys, in the order the scripts declare them. */
  sale(saleId: string) {
    const shard = shardOf(saleId);
    const base = `${this.tag(shard)}:sale:${saleId}`;
    return {
      /** Terms (quantity, limit, window, registration) and counters (held, sold). */
      terms: base,
      /** email -> units the buyer holds or bought. */
      buyers: `${base}:buyers`,
      /** "email\nIdempotency-Key" -> admission id. */
      keys: `${base}:keys`,
      /** email -> SHA-256 of the verified registration token. */
      registrations: `${base}:registrations`,
      /** admission id -> JSON record {e, k, a, h, s, o, x}. */
      admissions: `${base}:admissions`,
      holds: this.holds(shard),
      stream: this.stream(shard),
    };
  }

  /** "saleId:admissionId" scored by heldUntil (ms): what expiry pops. */
  holds(shard: number): string {
    return `${this.tag(shard)}:holds`;
  }

  /** The hand-off to the database: one event per admission, payment and expiry. */
  stream(shard: number): string {
    return `${this.tag(shard)}:handoff`;
  }

  streams(): string[] {
    return Array.from({ length: SHARDS }, (_, shard) => this.stream(shard));
  }

  allHolds(): string[] {
    return Array.from({ length: SHARDS }, (_, shard) => this.holds(shard));
  }
}

// Every event carries the whole admission record, so the database can apply events in any order
// (two consumers, a claimed batch) and still end in the state Redis has.
const EVENT = `
local function handoff(stream, kind, saleId, id, r)
  redis.call('XADD', stream, '*', 't', kind, 's', saleId, 'id', id, 'e', r.e, 'k', r.k, 'a', r.a, 'h', r.h,
    'o', r.o, 'x', r.x)
end
`;

/**
 * KEYS: terms, buyers, keys, registrations, admissions, holds, stream.
 * ARGV: saleId, email, idempotency key or '', registration hash or '', new admission id, at (ms).
 * Returns {'admitted', id, admittedAt, heldUntil}, {'sold-out'}, {'limit', n}, {'not-registered'}
 * or {'unprepared'} when the sale's counters are not in Redis.
 */
export const ADMIT = `${EVENT}
local t = redis.call('HMGET', KEYS[1], 'quantity', 'limit', 'window', 'registration', 'held', 'sold')
if not t[5] then return {'unprepared'} end
local saleId, email, key, id, at = ARGV[1], ARGV[2], ARGV[3], ARGV[5], ARGV[6]
local keyField = email .. '\\n' .. key
if key ~= '' then
  local earlier = redis.call('HGET', KEYS[3], keyField)
  if earlier then
    local r = cjson.decode(redis.call('HGET', KEYS[5], earlier))
    return {'admitted', earlier, r.a, r.h}
  end
end
if t[4] == '1' and (ARGV[4] == '' or redis.call('HGET', KEYS[4], email) ~= ARGV[4]) then
  return {'not-registered'}
end
local limit = tonumber(t[2])
if (tonumber(redis.call('HGET', KEYS[2], email)) or 0) >= limit then return {'limit', limit} end
if tonumber(t[5]) + tonumber(t[6]) >= tonumber(t[1]) then return {'sold-out'} end
local heldUntil = string.format('%.0f', tonumber(at) + tonumber(t[3]) * 1000)
local r = {e = email, k = key, a = at, h = heldUntil, s = 'held', o = '', x = ''}
redis.call('HINCRBY', KEYS[1], 'held', 1)
redis.call('HINCRBY', KEYS[2], email, 1)
if key ~= '' then redis.call('HSET', KEYS[3], keyField, id) end
redis.call('HSET', KEYS[5], id, cjson.encode(r))
redis.call('ZADD', KEYS[6], heldUntil, saleId .. ':' .. id)
handoff(KEYS[7], 'admit', saleId, id, r)
return {'admitted', id, at, heldUntil}
`;

/**
 * KEYS: terms, admissions, holds, stream. ARGV: saleId, admission id, order id, at (ms).
 * Returns 1 (paid now or already by this order), 0 (refused) or -1 (the sale is not in Redis).
 */
export const SETTLE = `${EVENT}
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local saleId, id, order, at = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local raw = redis.call('HGET', KEYS[2], id)
if not raw then return 0 end
local r = cjson.decode(raw)
if r.s == 'paid' then
  if r.o == order then return 1 end
  return 0
end
-- Past its window the unit may already be someone else's, whether or not expiry has run.
if r.s ~= 'held' or tonumber(r.h) <= tonumber(at) then return 0 end
r.s, r.o, r.x = 'paid', order, at
redis.call('HSET', KEYS[2], id, cjson.encode(r))
redis.call('ZREM', KEYS[3], saleId .. ':' .. id)
redis.call('HINCRBY', KEYS[1], 'held', -1)
redis.call('HINCRBY', KEYS[1], 'sold', 1)
handoff(KEYS[4], 'settle', saleId, id, r)
return 1
`;

/**
 * KEYS: terms, buyers, admissions, holds, stream. ARGV: saleId, at (ms), admission ids...
 * Expires those of the given holds that are still held and due; returns how many.
 */
export const EXPIRE = `${EVENT}
local saleId, at = ARGV[1], tonumber(ARGV[2])
local n = 0
for i = 3, #ARGV do
  local id = ARGV[i]
  local member = saleId .. ':' .. id
  local due = redis.call('ZSCORE', KEYS[4], member)
  if due and tonumber(due) <= at then
    redis.call('ZREM', KEYS[4], member)
    local raw = redis.call('HGET', KEYS[3], id)
    if raw then
      local r = cjson.decode(raw)
      if r.s == 'held' then
        r.s, r.x = 'expired', ARGV[2]
        redis.call('HSET', KEYS[3], id, cjson.encode(r))
        redis.call('HINCRBY', KEYS[1], 'held', -1)
        -- The buyer gets their attempt back, as the pool gets its unit.
        if redis.call('HINCRBY', KEYS[2], r.e, -1) <= 0 then redis.call('HDEL', KEYS[2], r.e) end
        handoff(KEYS[5], 'expire', saleId, id, r)
        n = n + 1
      end
    end
  end
end
return n
`;

/**
 * KEYS: terms, buyers, keys, registrations, admissions, holds.
 * ARGV: saleId, quantity, limit, window (s), registration ('1' or '0'), state (JSON) or ''.
 * Always sets the terms. The counters and records are set only when absent, from the state the
 * database had (counts, buyers, verified registrations, admissions), so a restart or another
 * prepare never resets them. Returns 1 when it set them, 0 when they were there, -1 when they
 * are absent and no state was given.
 */
export const PREPARE = `
local saleId = ARGV[1]
redis.call('HSET', KEYS[1], 'quantity', ARGV[2], 'limit', ARGV[3], 'window', ARGV[4], 'registration', ARGV[5])
if redis.call('HEXISTS', KEYS[1], 'held') == 1 then return 0 end
if ARGV[6] == '' then return -1 end
local s = cjson.decode(ARGV[6])
redis.call('HSET', KEYS[1], 'held', s.held, 'sold', s.sold)
for _, b in ipairs(s.buyers) do redis.call('HSET', KEYS[2], b[1], b[2]) end
for _, g in ipairs(s.registrations) do redis.call('HSET', KEYS[4], g[1], g[2]) end
for _, a in ipairs(s.admissions) do
  local r = a[2]
  redis.call('HSET', KEYS[5], a[1], cjson.encode(r))
  if r.k ~= '' then redis.call('HSET', KEYS[3], r.e .. '\\n' .. r.k, a[1]) end
  if r.s == 'held' then redis.call('ZADD', KEYS[6], r.h, saleId .. ':' .. a[1]) end
end
return 1
`;

/** An admission as the scripts record it: strings only, instants in milliseconds. */
export interface AdmissionRecord {
  /** Buyer's email. */
  e: string;
  /** Idempotency-Key or ''. */
  k: string;
  /** Admitted at. */
  a: string;
  /** Held until. */
  h: string;
  s: 'held' | 'paid' | 'expired';
  /** Order id or ''. */
  o: string;
  /** Settled (paid or expired) at, or ''. */
  x: string;
}
