import { queryOptions, useQueryClient } from '@tanstack/react-query';
import { hasStatus, isNotFound, request, seg } from '../api';
import { fieldIssues } from '../components/Field';
import { type Cart, commerceCommands } from './api';
import { forgetCart, rememberCart, rememberedCart } from './cartMemory';

// The shopper's cart in a market: the one this browser remembers, while it is still open. A cart
// that became an order, or that the server no longer knows, is forgotten, and the next "Add to
// cart" starts a new one.

export const cartQuery = (market: string) =>
  queryOptions({
    queryKey: ['store', 'cart', market.toLowerCase()],
    queryFn: async (): Promise<Cart | null> => {
      const id = rememberedCart(market);
      if (!id) return null;
      try {
        const cart = await request<Cart>(`/api/store/carts/${seg(id)}`);
        if (cart.orderId === null) return cart;
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
      forgetCart(market, id);
      return null;
    },
  });

/** The cart is gone or checked out: what a new cart fixes. Any other refusal is about the item. */
function stale(error: unknown): boolean {
  return isNotFound(error) || (hasStatus(error, 409) && fieldIssues(error).some((issue) => issue.field === 'cart'));
}

/** Puts a quantity of a SKU in the market's cart, starting a cart when there is none (or it is stale). */
export async function addToCart(market: string, sku: string, quantity: number): Promise<Cart> {
  const remembered = rememberedCart(market);
  if (remembered) {
    try {
      return await commerceCommands.addItem(remembered, sku, quantity);
    } catch (error) {
      if (!stale(error)) throw error;
      forgetCart(market, remembered);
    }
  }
  const cart = await commerceCommands.createCart(market);
  rememberCart(market, cart.id);
  return commerceCommands.addItem(cart.id, sku, quantity);
}

/** Keeps the cart query in step with the answers of cart commands and checkout. */
export function useCartCache(market: string) {
  const queryClient = useQueryClient();
  const { queryKey } = cartQuery(market);
  return {
    /** The cart as a command answered with it. */
    set: (cart: Cart) => queryClient.setQueryData(queryKey, cart),
    /** The cart became an order: the next item starts a new cart. */
    checkedOut: (cartId: string) => {
      forgetCart(market, cartId);
      queryClient.setQueryData(queryKey, null);
    },
  };
}

/** Items in the cart, counting quantities: what the header's cart link shows. */
export function itemCount(cart: Cart | null | undefined): number {
  return cart?.items.reduce((count, item) => count + item.quantity, 0) ?? 0;
}
