import { Field } from '../components/Field';
import { type CheckoutDraft, type DraftField, postalFormatOf, regionsOf } from './checkoutDraft';

const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** The shipping address: the countries are the market's, the region is asked where it decides the tax. */
export function AddressFields({
  draft,
  countries,
  set,
  errorsOf,
  touch,
}: {
  draft: CheckoutDraft;
  countries: readonly string[];
  set: (field: DraftField, value: string) => void;
  errorsOf: (field: DraftField) => string[];
  /** The shopper has left the field: what the live quote says about it may be shown now. */
  touch: (field: DraftField) => void;
}) {
  const regions = regionsOf(draft.country);
  const postal = postalFormatOf(draft.country);
  const text = (field: DraftField) => ({
    value: draft[field],
    onChange: (event: { target: { value: string } }) => set(field, event.target.value),
    onBlur: () => touch(field),
  });

  return (
    <div className="form-grid checkout-address">
      <Field label="Full name" errors={errorsOf('name')} className="form-grid__wide">
        {(control) => <input {...control} {...text('name')} autoComplete="shipping name" />}
      </Field>
      <Field label="Street address" errors={errorsOf('line1')} className="form-grid__wide">
        {(control) => <input {...control} {...text('line1')} autoComplete="shipping address-line1" />}
      </Field>
      <Field label="Apartment, suite, etc. (optional)" errors={errorsOf('line2')} className="form-grid__wide">
        {(control) => <input {...control} {...text('line2')} autoComplete="shipping address-line2" />}
      </Field>
      <Field label="City" errors={errorsOf('city')}>
        {(control) => <input {...control} {...text('city')} autoComplete="shipping address-level2" />}
      </Field>
      {regions ? (
        <Field label={capitalized(regions.noun)} errors={errorsOf('region')}>
          {(control) => (
            <select {...control} {...text('region')} autoComplete="shipping address-level1">
              <option value="" disabled>
                Choose a {regions.noun}
              </option>
              {Object.entries(regions.regions).map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <Field label="Region (optional)" errors={errorsOf('region')}>
          {(control) => <input {...control} {...text('region')} autoComplete="shipping address-level1" />}
        </Field>
      )}
      <Field
        label={`${capitalized(postal.label)}${postal.optional ? ' (optional)' : ''}`}
        errors={errorsOf('postalCode')}
        hint={postal.example ? `For example ${postal.example}` : undefined}
      >
        {(control) => (
          <input {...control} {...text('postalCode')} autoComplete="shipping postal-code" spellCheck={false} />
        )}
      </Field>
      <Field label="Country" errors={errorsOf('country')}>
        {(control) => (
          <select
            {...control}
            {...text('country')}
            onChange={(event) => {
              // A state of one country is not a state of another.
              set('country', event.target.value);
              set('region', '');
            }}
            autoComplete="shipping country"
          >
            {draft.country ? null : (
              <option value="" disabled>
                Choose a country
              </option>
            )}
            {countries.map((code) => (
              <option key={code} value={code}>
                {countryNames.of(code) ?? code}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
