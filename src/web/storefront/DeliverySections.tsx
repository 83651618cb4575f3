import { AddressFields } from './AddressFields';
import type { ShippingMethod } from './api';
import type { CheckoutDraft, DraftField } from './checkoutDraft';
import { ShippingMethods } from './ShippingMethods';

/**
 * Where the order goes and how, and the button that places it: what a cart's checkout and a flash
 * sale's checkout ask alike. Everything is disabled while the order is being placed.
 */
export function DeliverySections({
  draft,
  countries,
  methods,
  subtotal,
  placing,
  set,
  errorsOf,
  touch = () => {},
}: {
  draft: CheckoutDraft;
  countries: readonly string[];
  methods: ShippingMethod[];
  /** The goods' subtotal in minor units: some methods are free from an amount. */
  subtotal: number;
  placing: boolean;
  set: (field: DraftField, value: string) => void;
  errorsOf: (field: DraftField) => string[];
  /** The shopper has left a field; only a checkout with a live quote needs to know. */
  touch?: (field: DraftField) => void;
}) {
  return (
    <>
      <fieldset className="checkout__section" disabled={placing}>
        <legend className="checkout__legend">Shipping address</legend>
        <AddressFields draft={draft} countries={countries} set={set} errorsOf={errorsOf} touch={touch} />
      </fieldset>
      <fieldset className="checkout__section checkout__section--plain" disabled={placing}>
        <ShippingMethods
          methods={methods}
          value={draft.shippingMethod}
          subtotal={subtotal}
          errors={errorsOf('shippingMethod')}
          onChange={(code) => set('shippingMethod', code)}
        />
      </fieldset>
      <button type="submit" className="button button--primary button--block" disabled={placing}>
        {placing ? 'Placing your order…' : 'Continue to payment'}
      </button>
    </>
  );
}
