import { Chips } from '../../components/Chips';
import type { Certificate } from './api';

/** "Mi Band", or "Mi Bunny Plush (MIBUNNY-25CM)" when only one variant is covered. */
export function coverageLabels(certificate: Certificate, productNames: Map<string, string>): string[] {
  return certificate.coverage.map((c) => {
    const name = productNames.get(c.productId) ?? c.slug;
    return c.sku ? `${name} (${c.sku})` : name;
  });
}

export function CoveredProducts({
  certificate,
  productNames,
}: {
  certificate: Certificate;
  productNames: Map<string, string>;
}) {
  return (
    <Chips
      items={coverageLabels(certificate, productNames)}
      label={`Products covered by ${certificate.identifier ?? certificate.requirementCode}`}
    />
  );
}
