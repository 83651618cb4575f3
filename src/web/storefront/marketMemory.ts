// The shopper's last market, so "/" can take them straight back to it.
const KEY = 'marketgate.market';

export function rememberedMarket(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null; // storage disabled (private mode, policy): behave as a first visit
  }
}

export function rememberMarket(code: string): void {
  try {
    localStorage.setItem(KEY, code.toLowerCase());
  } catch {
    // best effort only
  }
}

export function forgetMarket(code: string): void {
  try {
    if (localStorage.getItem(KEY) === code.toLowerCase()) localStorage.removeItem(KEY);
  } catch {
    // best effort only
  }
}
