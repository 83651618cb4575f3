import type { AdminMarket } from '../../api';
import { type CloudRegion, type Deployment, ecosystemCommands } from './api';
import type { CodedKind } from './CodedForm';
import { CodedPanel } from './CodedPanel';
import { marketsAllowing } from './reach';

/** The cloud regions services run in; a market's allowedRegions says which of them may hold its customers' data. */
export function RegionsPanel({
  regions,
  deployments,
  markets,
  canWrite,
}: {
  regions: CloudRegion[];
  deployments: Deployment[];
  markets: AdminMarket[];
  canWrite: boolean;
}) {
  return (
    <CodedPanel
      kind={REGION}
      headingId="regions-heading"
      title="Cloud regions"
      intro="A region that still has deployments cannot be deleted; which markets may use a region is part of each market."
      records={regions}
      columns={[
        { label: 'Country', cell: (region) => region.country },
        {
          label: 'Markets allowed',
          cell: (region) => {
            const allowed = marketsAllowing(region.code, markets);
            return allowed.length > 0 ? allowed.join(', ') : <span className="muted">none</span>;
          },
        },
        {
          label: 'Deployments',
          className: 'num',
          cell: (region) => deployments.filter((d) => d.region === region.code).length,
        },
      ]}
      canWrite={canWrite}
    />
  );
}

/** Its code stays once recorded: markets name it in allowedRegions. */
const REGION: CodedKind<CloudRegion> = {
  noun: 'region',
  code: { hint: 'kebab-case; markets name it', placeholder: 'eu-north' },
  detail: {
    field: 'country',
    label: 'Country',
    hint: 'Of its data centres, ISO code: DE, US',
    required: true,
    maxLength: 2,
    spellCheck: false,
    normalise: (value) => value.trim().toUpperCase(),
    of: (r) => r.country,
  },
  create: (code, { name, detail }) => ecosystemCommands.createRegion({ code, name, country: detail }),
  update: (code, { name, detail }) => ecosystemCommands.updateRegion(code, { name, country: detail }),
  remove: ecosystemCommands.deleteRegion,
};
