import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { isNotFound, type Market } from '../../api';
import { fieldIssues, messagesFor } from '../../components/Field';
import { ErrorPanel, Loading } from '../../components/Status';
import { useIdempotencyKey } from '../../idempotency';
import { commerceQueries, type ShippingMethod } from '../api';
import {
  type CheckoutDraft,
  type DraftField,
  emptyDraft,
  forShoppers,
  REQUEST_FIELD,
  toCheckoutInput,
} from '../checkoutDraft';
import { DeliverySections } from '../DeliverySections';
import { ShopperProblem } from '../ShopperProblem';
import { Totals } from '../Totals';
import { useMarket } from '../useMarket';
import { type AdmissionCheckout, type FlashSale, flashSaleCommands, flashSaleQueries, variantLabel } from './api';
import { lastAdmitted, recall, rememberOrdered } from './memory';
import { SaleNotFound } from './SalePage';
import { countdown, timeOfDay, useNow } from './useNow';
import '../commerce.css';
import './flashsale.css';

/** The checkout of a unit held in a sale: where it goes and how; payment is the order's next step. */
export function SaleCheckoutPage() {
  const { market = '', id = '' } = useParams();
  const [params] = useSearchParams();
  const admission = params.get('admission') ?? '';
  const sale = useQuery(flashSaleQueries.sale(id));
  const methods = useQuery(commerceQueries.shippingMethods(market));
  const info = useMarket(market);

  if (sale.isPending || methods.isPending || !info) return <Loading what="the checkout" />;
  if (isNotFound(sale.error)) return <SaleNotFound market={market} />;
  if (sale.isError) return <ErrorPanel error={sale.error} />;
  if (methods.isError) return <ErrorPanel error={methods.error} />;
  if (!admission) {
    return (
      <section className="empty">
        <title>Checkout — Mi Store</title>
        <h1>No unit to check out</h1>
        <p>Ask for a unit on the sale's page first: it is held for you while you check out.</p>
        <Link className="button" to={`/${market}/flash-sales/${id}`}>
          Back to the sale
        </Link>
      </section>
    );
  }
  return (
    <SaleCheckoutForm
      key={admission}
      market={market}
      info={info}
      sale={sale.data}
      admission={admission}
      methods={methods.data.methods}
    />
  );
}

function SaleCheckoutForm({
  market,
  info,
  sale,
  admission,
  methods,
}: {
  market: string;
  info: Market;
  sale: FlashSale;
  admission: string;
  methods: ShippingMethod[];
}) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const attempt = useIdempotencyKey();
  const now = useNow();
  const held = lastAdmitted(recall(sale.id));
  const heldUntil = held?.id === admission ? held.heldUntil : undefined;
  const [draft, setDraft] = useState<CheckoutDraft>(() => ({
    ...emptyDraft(info.countries, methods[0]?.code ?? ''),
    email: held?.email ?? '',
  }));
  // Fields changed since the last refusal: its messages about them no longer apply.
  const [edited, setEdited] = useState<ReadonlySet<DraftField>>(new Set());

  const place = useMutation({
    mutationFn: (body: AdmissionCheckout) => flashSaleCommands.checkout(sale.id, admission, body, attempt.keyFor(body)),
    onSettled: (_order, error) => attempt.settled(error),
    onSuccess: async (order) => {
      queryClient.setQueryData(commerceQueries.order(order.id).queryKey, order);
      rememberOrdered(sale.id, admission, order.id);
      await navigate(`/${market}/orders/${order.id}/pay`);
    },
  });

  const issues = forShoppers(fieldIssues(place.error));
  const errorsOf = (field: DraftField) => (edited.has(field) ? [] : messagesFor(issues, REQUEST_FIELD[field]));
  const set = (field: DraftField, value: string) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setEdited((current) => new Set(current).add(field));
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setEdited(new Set());
    const { shippingAddress, shippingMethod } = toCheckoutInput(draft);
    place.mutate({ shippingAddress, shippingMethod });
  };
  const left = heldUntil ? new Date(heldUntil).getTime() - now : undefined;

  return (
    <section className="commerce" aria-labelledby="checkout-heading">
      <title>{`Checkout — ${sale.product.name} launch sale — Mi Store`}</title>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/${market}/flash-sales/${sale.id}`}>Launch sale</Link>
        <span aria-hidden="true"> / </span>
        <span>Checkout</span>
      </nav>
      <h1 id="checkout-heading">Checkout</h1>
      {heldUntil && left !== undefined ? (
        <p className={`lede sale-hold${left <= 0 ? ' sale-hold--over' : ''}`} role="status">
          {left > 0 ? (
            <>
              Your unit is held until {timeOfDay(heldUntil)}:{' '}
              <span className="sale-panel__clock">{countdown(left)}</span> left to check out and pay.
            </>
          ) : (
            'The hold on your unit has run out: it may have gone back to the sale.'
          )}
        </p>
      ) : null}
      <div className="commerce__layout">
        <form className="checkout" onSubmit={submit} noValidate aria-label="Checkout">
          {place.isError ? <ShopperProblem error={place.error} title="We could not place your order" /> : null}
          {held?.email ? (
            <p className="muted">
              The order confirmation goes to <strong>{held.email}</strong>, the address you bought with.
            </p>
          ) : null}
          <DeliverySections
            draft={draft}
            countries={info.countries}
            methods={methods}
            subtotal={sale.price.amount}
            placing={place.isPending}
            set={set}
            errorsOf={errorsOf}
          />
        </form>
        <aside className="summary" aria-labelledby="summary-heading">
          <h2 id="summary-heading">Your order</h2>
          <ul className="summary__lines" aria-label="Items">
            <li className="summary__line">
              <span>
                {sale.product.name}
                <span className="summary__variant muted">{variantLabel(sale)}</span>
              </span>
              <span className="summary__quantity muted">× 1</span>
              <span className="summary__amount">{sale.price.formatted}</span>
            </li>
          </ul>
          <Totals
            rows={[
              { label: 'Sale price', value: sale.price.formatted },
              { label: 'Shipping', value: 'Next step' },
              ...(info.taxMode === 'inclusive' ? [] : [{ label: 'Tax', value: 'Next step' }]),
            ]}
          />
          <p className="summary__note muted">
            {info.taxMode === 'inclusive' ? 'Shipping is' : 'Shipping and tax are'} added at the next step, where you
            see the order's total before you pay.
          </p>
        </aside>
      </div>
    </section>
  );
}
