import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/database/index.js';
import { cartItems, carts } from './tables.js';

export type CartRow = typeof carts.$inferSelect;
export type CartItemRow = typeof cartItems.$inferSelect;

export const cartStore = {
  async create(db: Executor, marketCode: string, at: Date): Promise<CartRow> {
    const [row] = await db.insert(carts).values({ marketCode, createdAt: at, updatedAt: at }).returning();
    return row!;
  },

  async get(db: Executor, id: string, forUpdate = false): Promise<CartRow | undefined> {
    const query = db.select().from(carts).where(eq(carts.id, id));
    const [row] = forUpdate ? await query.for('update') : await query;
    return row;
  },

  async items(db: Executor, cartId: string): Promise<CartItemRow[]> {
    return db.select().from(cartItems).where(eq(cartItems.cartId, cartId)).orderBy(cartItems.addedAt, cartItems.sku);
  },

  /** Adds to the quantity already in the cart (or puts the line in); the database caps a line at 99. */
  async add(db: Executor, cartId: string, sku: string, quantity: number, at: Date): Promise<void> {
    await db
      .insert(cartItems)
      .values({ cartId, sku, quantity, addedAt: at })
      .onConflictDoUpdate({
        target: [cartItems.cartId, cartItems.sku],
        set: { quantity: sql`${cartItems.quantity} + excluded.quantity` },
      });
    await db.update(carts).set({ updatedAt: at }).where(eq(carts.id, cartId));
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
