import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Field, FormProblem, fieldIssues, messagesFor } from '../../components/Field';
import { useReveal } from '../../components/useReveal';
import { type CloudRegion, ecosystemCommands, ecosystemKey } from './api';

const FIELDS = ['code', 'name', 'country'] as const;

/** Records a cloud region, or changes one's name and country (its code stays: markets name it). */
export function RegionForm({
  region,
  onSaved,
  onCancel,
}: {
  region?: CloudRegion;
  onSaved: (notice: string) => void;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const heading = useReveal<HTMLHeadingElement>(region !== undefined);
  const [code, setCode] = useState(region?.code ?? '');
  const [name, setName] = useState(region?.name ?? '');
  const [country, setCountry] = useState(region?.country ?? '');
  const save = useMutation({
    mutationFn: () => {
      const fields = { name: name.trim(), country: country.trim().toUpperCase() };
      return region
        ? ecosystemCommands.updateRegion(region.code, fields)
        : ecosystemCommands.createRegion({ code: code.trim(), ...fields });
    },
    onSuccess: async (answer) => {
      await queryClient.invalidateQueries({ queryKey: ecosystemKey });
      setCode('');
      setName('');
      setCountry('');
      onSaved(`${region ? 'Changed' : 'Recorded'} the region ${answer.code}.`);
    },
  });
  const issues = fieldIssues(save.error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="ecosystem-form ecosystem-form--sub" onSubmit={submit} aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        {region ? (
          <>
            Change <code>{region.code}</code>
          </>
        ) : (
          'Add a region'
        )}
      </h3>
      {save.isError ? <FormProblem error={save.error} fields={FIELDS} /> : null}
      <div className="form-grid">
        <Field label="Region code" errors={messagesFor(issues, 'code')} hint="kebab-case; markets name it">
          {(control) => (
            <input
              {...control}
              required
              readOnly={region !== undefined}
              autoComplete="off"
              spellCheck={false}
              placeholder="eu-north"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          )}
        </Field>
        <Field label="Region name" errors={messagesFor(issues, 'name')}>
          {(control) => (
            <input {...control} required autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <Field label="Country" errors={messagesFor(issues, 'country')} hint="Of its data centres, ISO code: DE, US">
          {(control) => (
            <input
              {...control}
              required
              autoComplete="off"
              spellCheck={false}
              maxLength={2}
              value={country}
              onChange={(e) => setCountry(e.target.value)}
            />
          )}
        </Field>
      </div>
      <p className="ecosystem-form__actions">
        <button className="button button--primary" type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : region ? 'Save changes' : 'Add region'}
        </button>
        {region ? (
          <button type="button" className="button button--ghost-dark" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </p>
    </form>
  );
}
