import { plural } from '../../format';
import { type CloudService, type Deployment, ecosystemCommands } from './api';
import type { CodedKind } from './CodedForm';
import { CodedPanel } from './CodedPanel';

/** The cloud services products depend on (a product's requiredServices name them). */
export function ServicesPanel({
  services,
  deployments,
  canWrite,
}: {
  services: CloudService[];
  deployments: Deployment[];
  canWrite: boolean;
}) {
  const count = (service: CloudService) => deployments.filter((d) => d.service === service.code).length;
  return (
    <CodedPanel
      kind={SERVICE}
      headingId="services-heading"
      title="Cloud services"
      records={services}
      columns={[
        { label: 'Description', cellClassName: 'muted', cell: (service) => service.description || '—' },
        { label: 'Deployments', className: 'num', cell: count },
      ]}
      deleteQuestion={(service) =>
        count(service) > 0
          ? `Delete ${service.code} and its ${plural(count(service), 'deployment')}?`
          : `Delete ${service.code}?`
      }
      canWrite={canWrite}
    />
  );
}

/** Its code stays once recorded: products name it in requiredServices. */
const SERVICE: CodedKind<CloudService> = {
  noun: 'service',
  code: { hint: 'kebab-case; cannot change later', placeholder: 'companion-app' },
  detail: { field: 'description', label: 'Description', className: 'form-grid__wide', of: (s) => s.description },
  create: (code, { name, detail }) => ecosystemCommands.createService({ code, name, description: detail }),
  update: (code, { name, detail }) => ecosystemCommands.updateService(code, { name, description: detail }),
  remove: ecosystemCommands.deleteService,
};
