import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Field, FormProblem, fieldIssues, messagesFor } from '../../components/Field';
import { useReveal } from '../../components/useReveal';
import { type CloudService, ecosystemCommands, ecosystemKey } from './api';

const FIELDS = ['code', 'name', 'description'] as const;

/** Records a cloud service, or changes one's name and description (its code stays: products name it). */
export function ServiceForm({
  service,
  onSaved,
  onCancel,
}: {
  service?: CloudService;
  onSaved: (notice: string) => void;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const heading = useReveal<HTMLHeadingElement>(service !== undefined);
  const [code, setCode] = useState(service?.code ?? '');
  const [name, setName] = useState(service?.name ?? '');
  const [description, setDescription] = useState(service?.description ?? '');
  const save = useMutation({
    mutationFn: () => {
      const fields = { name: name.trim(), description: description.trim() };
      return service
        ? ecosystemCommands.updateService(service.code, fields)
        : ecosystemCommands.createService({ code: code.trim(), ...fields });
    },
    onSuccess: async (answer) => {
      await queryClient.invalidateQueries({ queryKey: ecosystemKey });
      setCode('');
      setName('');
      setDescription('');
      onSaved(`${service ? 'Changed' : 'Recorded'} the service ${answer.code}.`);
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
        {service ? (
          <>
            Change <code>{service.code}</code>
          </>
        ) : (
          'Add a service'
        )}
      </h3>
      {save.isError ? <FormProblem error={save.error} fields={FIELDS} /> : null}
      <div className="form-grid">
        <Field label="Service code" errors={messagesFor(issues, 'code')} hint="kebab-case; cannot change later">
          {(control) => (
            <input
              {...control}
              required
              readOnly={service !== undefined}
              autoComplete="off"
              spellCheck={false}
              placeholder="companion-app"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          )}
        </Field>
        <Field label="Service name" errors={messagesFor(issues, 'name')}>
          {(control) => (
            <input {...control} required autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <Field label="Description" errors={messagesFor(issues, 'description')} className="form-grid__wide">
          {(control) => (
            <input
              {...control}
              autoComplete="off"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          )}
        </Field>
      </div>
      <p className="ecosystem-form__actions">
        <button className="button button--primary" type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : service ? 'Save changes' : 'Add service'}
        </button>
        {service ? (
          <button type="button" className="button button--ghost-dark" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </p>
    </form>
  );
}
