import { useQuery } from '@tanstack/react-query';
import { adminQueries } from '../api';
import { Chips } from '../components/Chips';
import { ErrorPanel, Loading } from '../components/Status';
import { humanize, plural } from '../format';

export function ProductsPage() {
  const products = useQuery(adminQueries.products());
  return (
    <>
      <title>Products — marketgate admin</title>
      <header className="page-header">
        <h1>Products</h1>
        <p className="muted">
          {products.data ? plural(products.data.products.length, 'product') : 'The catalog'}, with their SKUs and the
          cloud services they need to work.
        </p>
      </header>
      {products.isPending ? <Loading what="products" /> : null}
      {products.isError ? <ErrorPanel error={products.error} /> : null}
      {products.data ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Slug</th>
                <th scope="col">Category</th>
                <th scope="col">SKUs</th>
                <th scope="col">Required services</th>
              </tr>
            </thead>
            <tbody>
              {products.data.products.map((product) => (
                <tr key={product.id}>
                  <th scope="row">{product.name}</th>
                  <td>
                    <code>{product.slug}</code>
                  </td>
                  <td>{humanize(product.category)}</td>
                  <td>
                    <ul className="plain-list">
                      {product.variants.map((variant) => (
                        <li key={variant.id} className="sku">
                          <code>{variant.sku}</code>
                          <span className="sku__name muted">{variant.name}</span>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <Chips items={product.requiredServices} label={`Services ${product.name} needs`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
