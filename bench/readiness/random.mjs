// A seeded random generator and the draws the synthetic scenario makes with it, so that every run
// loads the same data.

/** mulberry32: small, fast, and good enough to vary test data. */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const pick = (rng, items) => items[Math.floor(rng() * items.length)];
export const chance = (rng, p) => rng() < p;
export const between = (rng, low, high) => Math.round((low + rng() * (high - low)) * 100) / 100;
export const some = (rng, items, p) => items.filter(() => chance(rng, p));
