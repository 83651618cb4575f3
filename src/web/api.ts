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

export interface Variant {
  sku: string;
  name: string;
  attributes: Record<string, string>;
}

export interface Product {
  slug: string;
  name: string;
  description: string;
  category: string;
  images: Image[];
  variants: Variant[];
}

export interface AdminProduct extends Product {
  id: string;
  deviceProfile: Record<string, unknown>;
  requiredServices: string[];
  variants: (Variant & { id: string })[];
  createdAt: string;
  updatedAt: string;
}

export interface Gate {
  gate: string;
  open: boolean;
  reason: string;
}

export interface Availability {
  sellable: boolean;
  gates: Gate[];
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

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ProblemError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ProblemError && error.status === 404;
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: { accept: 'application/json, application/problem+json', ...init?.headers },
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
    throw new ProblemError(problem);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

const seg = encodeURIComponent;

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
        request<{ market: Market; product: Product; availability: Availability }>(
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
