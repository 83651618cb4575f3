// Names a staff action from its route, in the domain's words: "POST /api/admin/products" is
// "products.create", "PUT /api/admin/markets/:market/assortment/:product" is "markets.assortment.set".

const VERBS: Record<string, string> = { POST: 'create', PUT: 'set', PATCH: 'update', DELETE: 'delete' };

export function actionName(method: string, routeUrl: string): string {
  const nouns = routeUrl
    .replace(/^\/api\/(admin|auth)\//, '')
    .split('/')
    .filter((part) => part && !part.startsWith(':'));
  return [...nouns, VERBS[method] ?? method.toLowerCase()].join('.');
}

/** "product=mi-4 variant=TB-PNK", or the id the server gave a new record. */
export function targetOf(params: Record<string, string>, created: Record<string, unknown> | undefined): string | null {
  const fromParams = Object.entries(params)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  if (fromParams) return fromParams;
  if (!created) return null;
  for (const key of ['id', 'code', 'slug', 'email']) {
    const value = created[key];
    if (typeof value === 'string') return `${key}=${value}`;
  }
  return null;
}
