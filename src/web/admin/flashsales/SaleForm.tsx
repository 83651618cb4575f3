import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { adminQueries } from '../../api';
import { Field, FormProblem, fieldIssues, messagesFor } from '../../components/Field';
import { ErrorPanel } from '../../components/Status';
import { type FlashSale, flashSaleAdminCommands, flashSaleAdminQueries } from './api';
import {
  type DraftField,
  draftOf,
  draftProblems,
  EMPTY_DRAFT,
  priceOf,
  type SaleDraft,
  toInput,
  toPatch,
} from './draft';

const FIELDS: readonly DraftField[] = [
  'market',
  'sku',
  'location',
  'price',
  'quantity',
  'registrationRequired',
  'registrationOpensAt',
  'startsAt',
  'endsAt',
  'perCustomerLimit',
  'paymentWindowSeconds',
];

const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Creates a sale, or changes one: every term before its start, only its end afterwards (the server
 * says so too). Market, SKU and location are the sale's identity and are set once.
 */
export function SaleForm({
  sale,
  onSaved,
  onCancel,
}: {
  sale?: FlashSale;
  onSaved: (saved: FlashSale) => void;
  onCancel?: () => void;
}) {
  const queryClient = useQueryClient();
  const markets = useQuery(adminQueries.markets());
  const products = useQuery(adminQueries.products());
  const [draft, setDraft] = useState<SaleDraft>(() => (sale ? draftOf(sale) : EMPTY_DRAFT));
  const [tried, setTried] = useState(false);
  const started = sale !== undefined && sale.state !== 'scheduled' && sale.state !== 'registration';

  const currency = sale?.price.currency ?? markets.data?.markets.find((m) => m.code === draft.market)?.currency;
  const price = priceOf(draft.price, currency);
  const save = useMutation({
    mutationFn: (amount: number | undefined) =>
      sale
        ? flashSaleAdminCommands.update(sale.id, toPatch(draft, sale, amount))
        : flashSaleAdminCommands.create(toInput(draft, amount!)),
    onSuccess: async (saved) => {
      setTried(false);
      await queryClient.invalidateQueries({ queryKey: flashSaleAdminQueries.all() });
      onSaved(saved);
    },
  });
  const issues = fieldIssues(save.error);
  // Once the sale has started only its end may change: the other fields are not the editor's to fix.
  const problems = Object.entries(draftProblems(draft, currency)).filter(([field]) => !started || field === 'endsAt');
  const problemOf = new Map(problems);
  const errorsOf = (field: DraftField) => {
    const problem = tried ? problemOf.get(field) : undefined;
    return [...(problem ? [problem] : []), ...messagesFor(issues, field)];
  };
  const set = <K extends DraftField>(field: K, value: SaleDraft[K]) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setTried(false);
  };
  const unchanged = sale !== undefined && Object.keys(toPatch(draft, sale, price.amount)).length === 0;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (unchanged) return;
    if (problems.length > 0) {
      // What the server said of the last attempt is replaced by what is wrong now.
      save.reset();
      return;
    }
    save.mutate(price.amount);
  };

  const text = (field: Exclude<DraftField, 'registrationRequired'>) => ({
    value: draft[field],
    onChange: (event: { target: { value: string } }) => set(field, event.target.value),
  });

  return (
    <form className="sale-form" onSubmit={submit} noValidate aria-label={sale ? 'Change the sale' : 'Create a sale'}>
      {save.isError ? <FormProblem error={save.error} fields={FIELDS} /> : null}
      {markets.isError ? <ErrorPanel error={markets.error} /> : null}
      {products.isError ? <ErrorPanel error={products.error} /> : null}
      {save.isSuccess && sale ? (
        <p className="status status--ok" role="status">
          Saved.
        </p>
      ) : null}
      {tried && unchanged ? (
        <p className="status status--ok" role="status">
          Nothing has changed.
        </p>
      ) : null}
      {started ? <p className="muted">The sale has started: only its end may change now.</p> : null}
      <fieldset className="sale-form__fields" disabled={save.isPending}>
        <div className="form-grid">
          <Field label="Market" errors={errorsOf('market')}>
            {(control) => (
              <select {...control} {...text('market')} disabled={sale !== undefined}>
                <option value="" disabled>
                  Choose a market
                </option>
                {(markets.data?.markets ?? []).map((m) => (
                  <option key={m.code} value={m.code}>
                    {m.name} ({m.currency})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Product variant" errors={errorsOf('sku')}>
            {(control) => (
              <select {...control} {...text('sku')} disabled={sale !== undefined}>
                <option value="" disabled>
                  Choose a variant
                </option>
                {(products.data?.products ?? []).map((p) => (
                  <optgroup key={p.id} label={p.name}>
                    {p.variants.map((v) => (
                      <option key={v.sku} value={v.sku}>
                        {v.name} ({v.sku})
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            )}
          </Field>
          <Field
            label="Stock location (optional)"
            errors={errorsOf('location')}
            hint={sale ? undefined : 'By default the first location serving the market that has the units.'}
          >
            {(control) => <input {...control} {...text('location')} readOnly={sale !== undefined} spellCheck={false} />}
          </Field>
          <Field label={`Sale price${currency ? ` (${currency})` : ''}`} errors={errorsOf('price')}>
            {(control) => (
              <input {...control} {...text('price')} inputMode="decimal" disabled={started} autoComplete="off" />
            )}
          </Field>
          <Field label="Units" errors={errorsOf('quantity')} hint="Set aside from stock when the sale is saved.">
            {(control) => <input {...control} {...text('quantity')} inputMode="numeric" disabled={started} />}
          </Field>
          <Field label="Limit per buyer" errors={errorsOf('perCustomerLimit')}>
            {(control) => <input {...control} {...text('perCustomerLimit')} inputMode="numeric" disabled={started} />}
          </Field>
          <Field
            label="Payment window (seconds)"
            errors={errorsOf('paymentWindowSeconds')}
            hint="How long an admitted buyer has to pay: 60 to 86400."
          >
            {(control) => (
              <input {...control} {...text('paymentWindowSeconds')} inputMode="numeric" disabled={started} />
            )}
          </Field>
          <Field label={`Starts (${ZONE})`} errors={errorsOf('startsAt')}>
            {(control) => <input {...control} {...text('startsAt')} type="datetime-local" disabled={started} />}
          </Field>
          <Field label={`Ends (${ZONE})`} errors={errorsOf('endsAt')}>
            {(control) => <input {...control} {...text('endsAt')} type="datetime-local" />}
          </Field>
          <div className="field sale-form__check form-grid__wide">
            <label>
              <input
                type="checkbox"
                checked={draft.registrationRequired}
                disabled={started}
                onChange={(event) => set('registrationRequired', event.target.checked)}
              />{' '}
              Registered buyers only: buyers leave their email before the start and confirm it from a link
            </label>
            {messagesFor(issues, 'registrationRequired').map((message) => (
              <span key={message} className="field__error">
                {message}
              </span>
            ))}
          </div>
          {draft.registrationRequired ? (
            <Field
              label={`Registration opens (${ZONE}, optional)`}
              errors={errorsOf('registrationOpensAt')}
              hint="Blank: at once."
            >
              {(control) => (
                <input {...control} {...text('registrationOpensAt')} type="datetime-local" disabled={started} />
              )}
            </Field>
          ) : null}
        </div>
      </fieldset>
      <div className="sale-form__actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : sale ? 'Save changes' : 'Create the sale'}
        </button>
        {onCancel ? (
          <button type="button" className="button button--ghost-dark" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
