import type { ReactNode } from 'react';
import type { CloudService } from './api';

/** A table with a column per cloud service: one row per R (a region, a market), headed by rowHeader, with a cell per service. */
export function ServiceMatrix<R extends { code: string }>({
  label,
  className,
  corner,
  services,
  rows,
  rowHeader,
  cell,
  cellClassName,
}: {
  /** The table's accessible name. */
  label: string;
  className: string;
  /** The header of the rows' column. */
  corner: string;
  services: CloudService[];
  rows: R[];
  rowHeader: (row: R) => ReactNode;
  cell: (row: R, service: CloudService) => ReactNode;
  cellClassName?: string;
}) {
  return (
    <div className="table-wrap">
      <table className={`table ${className}`} aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{corner}</th>
            {services.map((service) => (
              <th key={service.code} scope="col" title={service.name}>
                <code>{service.code}</code>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.code}>
              <th scope="row">{rowHeader(row)}</th>
              {services.map((service) => (
                <td key={service.code} className={cellClassName}>
                  {cell(row, service)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
