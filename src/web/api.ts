import { queryOptions } from '@tanstack/react-query';

// Shapes of the HTTP API as the web app uses them (the server's OpenAPI at /openapi.json is the source).

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export interface Market {
  code: string;
  name: string;
  countries: string[];
  currency: string;
  locale: string;
  taxMode: string;
}

export interface AdminMarket extends Market {
  jurisdiction: string;
  allowedRegions: string[];
}

export interface Image {
  url: string;
  alt: string;
}

/** An amount in minor units, with the text to show shoppers ("$29.99", "￥4,480"). */
export interface Money {
  amount: number;
  currency: string;
  formatted: string;
}

export interface Variant {
  sku: string;
  name: string;
  attributes: Record<string, string>;
  /** Store API only: the price in force; null when it has none in this market (not purchasable). */
  price?: Money | null;
}

export interface Product {
  slug: string;
  name: string;
  description: string;
  category: string;
  images: Image[];
  variants: Variant[];
  /** Store API only: the cheapest variant's price. */
  fromPrice?: Money | null;
}

export interface AdminProduct extends Product {
  id: string;
  deviceProfile: Record<string, unknown>;
  requiredServices: string[];
  variants: (Variant & { id: string })[];
  createdAt: string;
  updatedAt: string;
}

/** What shoppers are told, and why not in their words; the rules behind it are for staff (the readiness pages). */
export interface Availability {
  sellable: boolean;
  message: string;
  /** Why it cannot be bought here, as the cart says it; null when it can. */
  reason: string | null;
}

/** What can be bought of one variant now; available is capped (10 means 10 or more). */
export interface VariantStock {
  sku: string;
  inStock: boolean;
  available: number;
}

export interface Listing {
  productId: string;
  slug: string;
  name: string;
  listedAt: string;
}

/** A non-2xx answer; carries the problem+json body (or a synthesised one when the body is not JSON). */
export class ProblemError extends Error {
  readonly problem: Problem;
  /** Seconds the server asked us to wait (Retry-After on a 429 or 503), when it said. */
  readonly retryAfter: number | undefined;

  constructor(problem: Problem, retryAfter?: number) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ProblemError';
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  get status(): number {
    return this.problem.status;
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ProblemError && error.status === 404;
}

export function hasStatus(error: unknown, status: number): error is ProblemError {
  return error instanceof ProblemError && error.status === status;
}

/** One line for a failed request: the problem's detail when the server gave one. */
export function problemText(error: unknown): string {
  if (error instanceof ProblemError) return error.problem.detail ?? error.problem.title;
  return error instanceof Error ? error.message : String(error);
}

// The session's CSRF token lives in memory only, never in storage another script could read later. It comes
// from the login answer and from /api/auth/session when the app loads.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let signedOut: () => void = () => {};

/** Called whenever an admin API call answers 401: the session has ended (expired, logged out elsewhere). */
export function onSignedOut(listener: () => void): void {
  signedOut = listener;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Retry-After is either delta-seconds or an HTTP date. */
function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** The one fetch of the web app: problem+json errors, the CSRF header on state-changing calls, 401 handling. */
export async function request<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const method = (rest.method ?? 'GET').toUpperCase();
  const headers = new Headers(rest.headers);
  headers.set('accept', 'application/json, application/problem+json');
  if (json !== undefined) headers.set('content-type', 'application/json');
  if (csrfToken && !SAFE_METHODS.has(method)) headers.set('x-csrf-token', csrfToken);

  const response = await fetch(path, {
    ...rest,
    method,
    headers,
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
  if (!response.ok) {
    let problem: Problem = {
      type: 'about:blank',
      title: response.statusText || 'Request failed',
      status: response.status,
    };
    try {
      const body = (await response.json()) as Partial<Problem>;
      problem = { ...problem, ...body, status: body.status ?? response.status };
    } catch {
      // Not JSON (a proxy error page, say): keep the synthesised problem.
    }
    if (response.status === 401 && path.startsWith('/api/admin/')) signedOut();
    throw new ProblemError(problem, parseRetryAfter(response.headers.get('retry-after')));
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const seg = encodeURIComponent;

/** The shape of the ids the API gives orders, sales and admissions: typebox's `uuid` format, which the routes check. */
const UUID = /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

/**
 * GETs what an id names. An id that cannot be one (a link cut short or mistyped) names nothing: it
 * is answered here as not found, as an unknown id is, rather than sent to be refused as malformed.
 */
export function requestById<T>(id: string, path: string): Promise<T> {
  if (!UUID.test(id)) {
    return Promise.reject(
      new ProblemError({ type: 'about:blank', title: 'Not found', status: 404, detail: `Nothing has the id "${id}"` }),
    );
  }
  return request<T>(path);
}

export const storeQueries = {
  markets: () =>
    queryOptions({
      queryKey: ['store', 'markets'],
      queryFn: () => request<{ markets: Market[] }>('/api/store/markets'),
      staleTime: 5 * 60_000,
    }),
  products: (market: string) =>
    queryOptions({
      queryKey: ['store', 'markets', market, 'products'],
      queryFn: () => request<{ market: Market; products: Product[] }>(`/api/store/markets/${seg(market)}/products`),
    }),
  product: (market: string, slug: string) =>
    queryOptions({
      queryKey: ['store', 'markets', market, 'products', slug],
      queryFn: () =>
        request<{ market: Market; product: Product; availability: Availability; stock: VariantStock[] }>(
          `/api/store/markets/${seg(market)}/products/${seg(slug)}`,
        ),
    }),
};

export const adminQueries = {
  products: () =>
    queryOptions({
      queryKey: ['admin', 'products'],
      queryFn: () => request<{ products: AdminProduct[] }>('/api/admin/products'),
    }),
  markets: () =>
    queryOptions({
      queryKey: ['admin', 'markets'],
      queryFn: () => request<{ markets: AdminMarket[] }>('/api/admin/markets'),
    }),
  assortment: (market: string) =>
    queryOptions({
      queryKey: ['admin', 'markets', market, 'assortment'],
      queryFn: () => request<{ market: string; listings: Listing[] }>(`/api/admin/markets/${seg(market)}/assortment`),
    }),
};

export const adminCommands = {
  list: (market: string, productId: string) =>
    request<{ productId: string; listedAt: string }>(`/api/admin/markets/${seg(market)}/assortment/${seg(productId)}`, {
      method: 'PUT',
    }),
  unlist: (market: string, productId: string) =>
    request<void>(`/api/admin/markets/${seg(market)}/assortment/${seg(productId)}`, { method: 'DELETE' }),
};
