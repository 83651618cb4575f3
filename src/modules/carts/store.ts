import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/database/index.js';
import { preparedPerDatabase } from '../../platform/database/prepared.js';
import { cartItems, carts } from './tables.js';

export type CartRow = typeof carts.$inferSelect;
export type CartItemRow = typeof cartItems.$inferSelect;

/** The order the cart shows its lines in: as they were added. */
export function byAdded(a: CartItemRow, b: CartItemRow): number {
  return a.addedAt.getTime() - b.addedAt.getTime() || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0);
}

const withItemsQuery = (db: Executor) =>
  db
    .select({ cart: carts, item: cartItems })
    .from(carts)
    .leftJoin(cartItems, eq(cartItems.cartId, carts.id))
    .where(eq(carts.id, sql.placeholder('id')))
    .orderBy(asc(cartItems.addedAt), asc(sql`${cartItems.sku} collate "C"`));

type WithItemsRow = Awaited<ReturnType<typeof withItemsQuery>>[number];

function withItemsOf(rows: WithItemsRow[]): { cart: CartRow; items: CartItemRow[] } | undefined {
  if (rows.length === 0) return undefined;
  return { cart: rows[0]!.cart, items: rows.flatMap((r) => (r.item ? [r.item] : [])) };
}

// The statements of a purchase's cart steps that run on the pool, prepared once (see prepared.ts).
const prepared = {
  create: preparedPerDatabase((db) =>
    db
      .insert(carts)
      .values({
        marketCode: sql.placeholder('market'),
        createdAt: sql.placeholder('at'),
        updatedAt: sql.placeholder('at'),
      })
      .returning()
      .prepare('carts_create'),
  ),
  withItems: preparedPerDatabase((db) => withItemsQuery(db).prepare('carts_with_items')),
  add: preparedPerDatabase((db) => {
    const open = db.$with('open_cart').as(
      db
        .update(carts)
        .set({ updatedAt: sql`${sql.placeholder('at')}::timestamptz` })
        .where(and(eq(carts.id, sql.placeholder('cart')), isNull(carts.orderId)))
        .returning({ id: carts.id }),
    );
    return db
      .with(open)
      .insert(cartItems)
      .select(
        sql`select ${open.id}, ${sql.placeholder('sku')}::text, ${sql.placeholder('quantity')}::int, ${sql.placeholder('at')}::timestamptz from ${open}`,
      )
      .onConflictDoUpdate({
        target: [cartItems.cartId, cartItems.sku],
        set: { quantity: sql`${cartItems.quantity} + excluded.quantity` },
      })
      .returning()
      .prepare('carts_add');
  }),
};

export const cartStore = {
  async create(db: Database, marketCode: string, at: Date): Promise<CartRow> {
    const [row] = await prepared.create(db).execute({ market: marketCode, at });
    return row!;
  },

  /** The cart with its items, in one query. */
  async withItems(db: Database, id: string): Promise<{ cart: CartRow; items: CartItemRow[] } | undefined> {
    return withItemsOf(await prepared.withItems(db).execute({ id }));
  },

  /**
   * The same, with the cart's row locked until the transaction ends: one checkout of a cart at a
   * time; an add waits for it. Two statements, not one: a locking read that waited for an add
   * re-reads the locked cart row but not the items joined to it, which would be the ones from
   * before the add. The items are read after the lock is held, so they include every add before it.
   */
  async lockWithItems(tx: Executor, id: string): Promise<{ cart: CartRow; items: CartItemRow[] } | undefined> {
    const [locked] = await tx.select({ id: carts.id }).from(carts).where(eq(carts.id, id)).for('update');
    if (!locked) return undefined;
    return withItemsOf(await withItemsQuery(tx).execute({ id }));
  },

  /**
   * Adds to the quantity already in the cart (or puts the line in), only while the cart is open:
   * the cart's row is updated first, so an add waits for a checkout holding it and then finds it
   * closed. Answers the line as it is now, or undefined when the cart was checked out. The
   * database caps a line at 99.
   */
  async add(db: Database, cartId: string, sku: string, quantity: number, at: Date): Promise<CartItemRow | undefined> {
    const [row] = await prepared.add(db).execute({ cart: cartId, sku, quantity, at: at.toISOString() });
    return row;
  },

  async setQuantity(db: Executor, cartId: string, sku: string, quantity: number, at: Date): Promise<boolean> {
    const rows = await db
      .update(cartItems)
      .set({ quantity })
      .where(and(eq(cartItems.cartId, cartId), eq(cartItems.sku, sku)))
      .returning({ sku: cartItems.sku });
    await db.update(carts).set({ updatedAt: at }).where(eq(carts.id, cartId));
    return rows.length > 0;
  },

  async remove(db: Executor, cartId: string, sku: string, at: Date): Promise<boolean> {
    const rows = await db
      .delete(cartItems)
      .where(and(eq(cartItems.cartId, cartId), eq(cartItems.sku, sku)))
      .returning({ sku: cartItems.sku });
    await db.update(carts).set({ updatedAt: at }).where(eq(carts.id, cartId));
    return rows.length > 0;
  },

  async close(db: Executor, cartId: string, orderId: string, at: Date): Promise<void> {
    await db.update(carts).set({ orderId, updatedAt: at }).where(eq(carts.id, cartId));
  },
};
