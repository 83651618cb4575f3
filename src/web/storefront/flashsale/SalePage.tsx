import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, useLocation, useParams, useSearchParams } from 'react-router';
import { isNotFound, storeQueries } from '../../api';
import { ErrorPanel, Loading } from '../../components/Status';
import { ProductImage } from '../ProductCard';
import { useMarket } from '../useMarket';
import { type FlashSale, flashSaleCommands, flashSaleQueries, pollInterval, variantLabel } from './api';
import { BuyPanel } from './BuyPanel';
import { recall, remember, rememberAdmitted, type SaleMemory } from './memory';
import { RegisterPanel } from './RegisterPanel';
import { RemainingBar } from './RemainingBar';
import { SaleStatus } from './SaleStatus';
import { useNow } from './useNow';
import '../commerce.css';
import './flashsale.css';

/** A launch sale: what is on offer, when, how many are left, and the way to a unit. */
export function SalePage() {
  const { market = '', id = '' } = useParams();
  const location = useLocation();
  const sale = useQuery(flashSaleQueries.sale(id));

  if (sale.isPending) return <Loading what="the sale" />;
  if (isNotFound(sale.error)) return <SaleNotFound market={market} />;
  if (sale.isError) return <ErrorPanel error={sale.error} />;
  // One address per sale: the market in it is the sale's own.
  const own = sale.data.market.toLowerCase();
  if (own !== market) return <Navigate replace to={`/${own}/flash-sales/${id}${location.search}`} />;
  return <Sale sale={sale.data} market={market} />;
}

export function SaleNotFound({ market }: { market: string }) {
  return (
    <section className="empty">
      <title>Sale not found — Mi Store</title>
      <h1>Sale not found</h1>
      <p>This link does not lead to a sale: it may be incomplete.</p>
      <Link className="button" to={`/${market}`}>
        See all products
      </Link>
    </section>
  );
}

function Sale({ sale, market }: { sale: FlashSale; market: string }) {
  const now = useNow();
  const info = useMarket(market);
  const [memory, setMemory] = useState<SaleMemory>(() => recall(sale.id));
  const product = useQuery(storeQueries.product(market, sale.product.slug));
  const counts = useQuery({
    ...flashSaleQueries.remaining(sale.id),
    initialData: sale,
    refetchInterval: (query) => pollInterval(query.state.data, sale.startsAt, Date.now()),
  });
  const verification = useVerification(sale.id, (registration) => setMemory(remember(sale.id, { registration })));

  const current = counts.data;
  const state = current.state;
  const open = now >= new Date(sale.startsAt).getTime() && now < new Date(sale.endsAt).getTime();
  const regular = product.data?.product.variants.find((v) => v.sku === sale.sku)?.price;
  const before = state === 'scheduled' || state === 'registration';

  return (
    <article className="sale">
      <title>{`${sale.product.name} launch sale — Mi Store`}</title>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/${market}`}>Mi Store {info?.name ?? market.toUpperCase()}</Link>
        <span aria-hidden="true"> / </span>
        <Link to={`/${market}/products/${sale.product.slug}`}>{sale.product.name}</Link>
        <span aria-hidden="true"> / </span>
        <span>Launch sale</span>
      </nav>
      <div className="product__layout">
        <div className="product__media">
          {product.data ? (
            <ProductImage product={product.data.product} className="product__image" />
          ) : (
            <div className="product__image product__image--none" aria-hidden="true" />
          )}
        </div>
        <div className="product__info">
          <p className="eyebrow">Launch sale</p>
          <h1>{sale.product.name}</h1>
          <p className="sale__variant">{variantLabel(sale)}</p>
          <p className="product__price sale__price">
            {sale.price.formatted}
            {regular && regular.amount > sale.price.amount ? (
              <s className="sale__regular muted">
                <span className="visually-hidden">instead of </span>
                {regular.formatted}
              </s>
            ) : null}
          </p>
          <SaleStatus sale={sale} state={state} now={now} />
          {state === 'ended' ? null : <RemainingBar counts={current} />}
          {verification.isPending ? (
            <p className="status status--loading" role="status">
              <span className="spinner" aria-hidden="true" /> Confirming your registration…
            </p>
          ) : null}
          {verification.isError ? (
            isNotFound(verification.error) ? (
              <div className="status status--error" role="alert">
                <p className="status__title">This link doesn't work</p>
                <p>It may be incomplete, or a newer link was sent: open the latest email from us, or register again.</p>
              </div>
            ) : (
              <ErrorPanel error={verification.error} />
            )
          ) : null}
          {sale.registrationRequired && before && !open ? (
            <RegisterPanel sale={sale} state={state} registration={memory.registration} />
          ) : null}
          {state === 'ended' || (sale.registrationRequired && before && !open && !memory.registration) ? null : (
            <BuyPanel
              sale={sale}
              market={market}
              state={state}
              open={open}
              memory={memory}
              now={now}
              onAdmitted={(admission) => setMemory(rememberAdmitted(sale.id, admission))}
            />
          )}
        </div>
      </div>
    </article>
  );
}

/**
 * The emailed link arrives with ?registration=<token>: confirm it once, remember it for this sale,
 * and take the secret out of the address bar (and so out of history and screenshots).
 */
function useVerification(sale: string, onVerified: (registration: { email: string; token: string }) => void) {
  const [params, setParams] = useSearchParams();
  const token = params.get('registration');
  const started = useRef(false);
  const verify = useMutation({
    mutationFn: (secret: string) => flashSaleCommands.verify(sale, secret),
    onSuccess: ({ email }, secret) => {
      onVerified({ email, token: secret });
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.delete('registration');
          return next;
        },
        { replace: true },
      );
    },
  });
  useEffect(() => {
    if (!token || started.current) return;
    started.current = true;
    verify.mutate(token);
  }, [token, verify]);
  return verify;
}
