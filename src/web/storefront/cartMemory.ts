// The shopper's cart in each market, so a visitor who comes back finds it again. The cart's random id
// is the only key to it (carts are anonymous), and it stays in this browser.

const key = (market: string) => `marketgate.cart.${market.toLowerCase()}`;

export function rememberedCart(market: string): string | null {
  try {
    return localStorage.getItem(key(market));
  } catch {
    return null; // storage disabled: a cart lasts as long as the page
  }
}

export function rememberCart(market: string, id: string): void {
  try {
    localStorage.setItem(key(market), id);
  } catch {
    // best effort only
  }
}

/** Forgets the market's cart, unless another one has been remembered since (in another tab). */
export function forgetCart(market: string, id: string): void {
  try {
    if (localStorage.getItem(key(market)) === id) localStorage.removeItem(key(market));
  } catch {
    // best effort only
  }
}
