import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Field, type FieldIssue, FormProblem, fieldIssues, messagesFor } from '../../components/Field';
import { useReveal } from '../../components/useReveal';
import { humanize } from '../../format';
import { type CloudRegion, type CloudService, type Deployment, ecosystemCommands, ecosystemKey } from './api';
import { deploymentText } from './DeploymentState';
import { Notice } from './Notice';

const FIELDS = ['service', 'region', 'liveFrom', 'retiredOn', 'notes'] as const;

/** Records a deployment of a service to a region, or changes one's dates and notes (its service and region stay). */
export function DeploymentForm({
  deployment,
  services,
  regions,
  notice,
  onSaved,
  onCancel,
}: {
  /** Absent to record a new one. */
  deployment?: Deployment;
  services: CloudService[];
  regions: CloudRegion[];
  /** What the last save or delete did, said under the form. */
  notice: string | null;
  /** After a save or a delete, with what was done. */
  onSaved: (notice: string) => void;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const heading = useReveal<HTMLHeadingElement>(deployment !== undefined);
  const [service, setService] = useState(deployment?.service ?? '');
  const [region, setRegion] = useState(deployment?.region ?? '');
  const [liveFrom, setLiveFrom] = useState(deployment?.liveFrom ?? '');
  const [retiredOn, setRetiredOn] = useState(deployment?.retiredOn ?? '');
  const [notes, setNotes] = useState(deployment?.notes ?? '');

  const refresh = () => queryClient.invalidateQueries({ queryKey: ecosystemKey });
  const save = useMutation({
    mutationFn: () => {
      const dates = { liveFrom: liveFrom || null, retiredOn: retiredOn || null, notes: notes.trim() };
      return deployment
        ? ecosystemCommands.updateDeployment(deployment.id, dates)
        : ecosystemCommands.createDeployment({ service, region, ...dates });
    },
    onSuccess: async (answer) => {
      await refresh();
      setLiveFrom('');
      setRetiredOn('');
      setNotes('');
      onSaved(
        `${deployment ? 'Changed' : 'Recorded'} ${answer.service} in ${answer.region}: ${deploymentText(answer)}.`,
      );
    },
  });
  const remove = useMutation({
    mutationFn: (target: Deployment) => ecosystemCommands.deleteDeployment(target.id),
    onSuccess: async (_answer, target) => {
      await refresh();
      onSaved(`Deleted ${target.service} in ${target.region}.`);
    },
  });
  const issues = fieldIssues(save.error);
  /** Service and region stay once recorded. */
  const locked = { issues, disabled: deployment !== undefined };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {deployment ? (
          <>
            Change <code>{deployment.service}</code> in <code>{deployment.region}</code>
          </>
        ) : (
          'Record a deployment'
        )}
      </h2>
      <form className="ecosystem-form" onSubmit={submit} aria-labelledby={headingId}>
        {save.isError ? <FormProblem error={save.error} fields={FIELDS} /> : null}
        <div className="form-grid">
          <CodeSelect field="service" records={services} value={service} onChange={setService} {...locked} />
          <CodeSelect field="region" records={regions} value={region} onChange={setRegion} {...locked} />
          <Field label="Live from" errors={messagesFor(issues, 'liveFrom')} hint="Empty: planned, no date yet">
            {(control) => (
              <input {...control} type="date" value={liveFrom} onChange={(e) => setLiveFrom(e.target.value)} />
            )}
          </Field>
          <Field label="Retired on" errors={messagesFor(issues, 'retiredOn')} hint="First day it no longer serves">
            {(control) => (
              <input {...control} type="date" value={retiredOn} onChange={(e) => setRetiredOn(e.target.value)} />
            )}
          </Field>
        </div>
        <Field label="Notes" errors={messagesFor(issues, 'notes')}>
          {(control) => <textarea {...control} rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />}
        </Field>
        <p className="ecosystem-form__actions">
          <button className="button button--primary" type="submit" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : deployment ? 'Save changes' : 'Record deployment'}
          </button>
          {deployment ? (
            <>
              <button type="button" className="button button--ghost-dark" onClick={onCancel}>
                Cancel
              </button>
              <ConfirmButton
                question={`Delete ${deployment.service} in ${deployment.region}?`}
                confirmLabel="Delete"
                disabled={remove.isPending}
                onConfirm={() => remove.mutate(deployment)}
              >
                Delete deployment
              </ConfirmButton>
            </>
          ) : null}
        </p>
        {remove.isError ? <FormProblem error={remove.error} fields={[]} /> : null}
      </form>
      <Notice text={notice} />
    </section>
  );
}

/** Required; "Choose a service" until one is. */
function CodeSelect({
  field,
  issues,
  records,
  disabled,
  value,
  onChange,
}: {
  field: 'service' | 'region';
  issues: FieldIssue[];
  records: Array<{ code: string; name: string }>;
  disabled: boolean;
  value: string;
  onChange: (code: string) => void;
}) {
  return (
    <Field label={humanize(field)} errors={messagesFor(issues, field)}>
      {(control) => (
        <select {...control} required disabled={disabled} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="" disabled>
            Choose a {field}
          </option>
          {records.map((r) => (
            <option key={r.code} value={r.code}>
              {r.code} — {r.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
