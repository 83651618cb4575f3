import { useId } from 'react';
import type { AdminProduct } from '../../api';
import type { CoverageDraft } from './draft';

/**
 * The products a certificate covers, from the catalog: a ticked product is covered whole, unless some of
 * its variants are ticked too (a grant for one model of a product line, say).
 */
export function CoveragePicker({
  products,
  value,
  onChange,
  errors,
}: {
  products: readonly AdminProduct[];
  value: CoverageDraft;
  onChange: (next: CoverageDraft) => void;
  errors: readonly string[];
}) {
  const toggleProduct = (productId: string, covered: boolean) => {
    const { [productId]: _dropped, ...rest } = value;
    onChange(covered ? { ...rest, [productId]: [] } : rest);
  };
  const toggleVariant = (productId: string, variantId: string, covered: boolean) => {
    const variants = value[productId] ?? [];
    onChange({
      ...value,
      [productId]: covered ? [...variants, variantId] : variants.filter((id) => id !== variantId),
    });
  };
  const count = Object.keys(value).length;
  const uid = useId();
  return (
    <fieldset
      className={`coverage-picker${errors.length > 0 ? ' field--invalid' : ''}`}
      aria-describedby={errors.length > 0 ? `${uid}-error` : `${uid}-hint`}
    >
      <legend className="field__label">
        Products covered <span className="muted">({count === 0 ? 'none yet' : count})</span>
      </legend>
      <p id={`${uid}-hint`} className="field__hint">
        A ticked product is covered in every variant; tick single variants to cover only those.
      </p>
      {errors.length > 0 ? (
        <p id={`${uid}-error`} className="field__error">
          {errors.join('; ')}
        </p>
      ) : null}
      <ul className="coverage-picker__products">
        {products.map((product) => {
          const variants = value[product.id];
          const id = `coverage-${product.id}`;
          return (
            <li key={product.id} className="coverage-picker__product">
              <span className="coverage-picker__choice">
                <input
                  id={id}
                  type="checkbox"
                  checked={variants !== undefined}
                  onChange={(event) => toggleProduct(product.id, event.target.checked)}
                />
                <label htmlFor={id}>{product.name}</label>
              </span>
              {variants !== undefined && product.variants.length > 1 ? (
                <ul className="coverage-picker__variants" aria-label={`Variants of ${product.name} covered`}>
                  {product.variants.map((variant) => {
                    const variantField = `${id}-${variant.id}`;
                    return (
                      <li key={variant.id} className="coverage-picker__choice">
                        <input
                          id={variantField}
                          type="checkbox"
                          checked={variants.includes(variant.id)}
                          onChange={(event) => toggleVariant(product.id, variant.id, event.target.checked)}
                        />
                        <label htmlFor={variantField}>
                          <code>{variant.sku}</code>
                        </label>
                      </li>
                    );
                  })}
                  {variants.length === 0 ? (
                    <li className="field__hint">none ticked: every variant is covered</li>
                  ) : null}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
