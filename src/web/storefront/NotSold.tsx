import { MarketCards } from './Home';

/** The market in the address is not one we sell in: say so plainly and offer the ones we do. */
export function NotSold({ code }: { code: string }) {
  return (
    <section className="not-sold">
      <title>{`We don't sell in ${code.toUpperCase()} — Mi Store`}</title>
      <h1>We don't sell in {code.toUpperCase()}</h1>
      <p className="lede">There is no Mi Store for “{code.toUpperCase()}” (yet). These are the markets we sell in:</p>
      <MarketCards />
    </section>
  );
}
