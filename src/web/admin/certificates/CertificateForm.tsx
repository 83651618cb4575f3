import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { AdminProduct } from '../../api';
import { Field, FormProblem, fieldIssues, messagesFor } from '../../components/Field';
import { humanize } from '../../format';
import {
  CERTIFICATE_STATUSES,
  type Certificate,
  type CertificateStatus,
  certificateCommands,
  certificateQueries,
} from './api';
import { CoveragePicker } from './CoveragePicker';
import { type CertificateDraft, draftOf, EMPTY_DRAFT, toInput, toPatch } from './draft';

const FIELDS = [
  'requirementCode',
  'identifier',
  'holder',
  'issuedBy',
  'issuedOn',
  'expiresOn',
  'status',
  'notes',
  'coverage',
] as const;

/** Records a new certificate, or changes one; the server checks the identifier against the requirement's format. */
export function CertificateForm({
  certificate,
  products,
  requirementCodes,
  readOnly,
  onSaved,
}: {
  /** Absent for a new certificate. */
  certificate?: Certificate;
  products: readonly AdminProduct[];
  /** Codes already in the registry, offered as suggestions. */
  requirementCodes: readonly string[];
  readOnly: boolean;
  onSaved: (saved: Certificate) => void | Promise<void>;
}) {
  const queryClient = useQueryClient();
  const codesList = useId();
  const [draft, setDraft] = useState<CertificateDraft>(() => (certificate ? draftOf(certificate) : EMPTY_DRAFT));
  const save = useMutation({
    mutationFn: (next: CertificateDraft) =>
      certificate
        ? certificateCommands.update(certificate.id, toPatch(next, products))
        : certificateCommands.create(toInput(next, products)),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: certificateQueries.all().queryKey });
      await onSaved(saved);
    },
  });
  const issues = fieldIssues(save.error);
  const errorsOf = (field: (typeof FIELDS)[number]) => messagesFor(issues, field);
  const set = <K extends keyof CertificateDraft>(key: K, value: CertificateDraft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(draft);
  };

  return (
    <form
      className="certificate-form"
      onSubmit={submit}
      aria-label={certificate ? 'Change the certificate' : 'Record a certificate'}
    >
      {save.isError ? <FormProblem error={save.error} fields={FIELDS} /> : null}
      <fieldset className="certificate-form__fields" disabled={readOnly || save.isPending}>
        <div className="form-grid">
          <Field
            label="Requirement code"
            errors={errorsOf('requirementCode')}
            hint="From a jurisdiction's rule file, e.g. US.FCC.CERTIFICATION"
          >
            {(control) => (
              <input
                {...control}
                required
                list={codesList}
                autoComplete="off"
                spellCheck={false}
                value={draft.requirementCode}
                onChange={(e) => set('requirementCode', e.target.value)}
              />
            )}
          </Field>
          <datalist id={codesList}>
            {requirementCodes.map((code) => (
              <option key={code} value={code} />
            ))}
          </datalist>
          <Field
            label="Identifier"
            errors={errorsOf('identifier')}
            hint="FCC ID, CMIIT ID, R-number…; checked against the requirement's format"
          >
            {(control) => (
              <input
                {...control}
                autoComplete="off"
                spellCheck={false}
                value={draft.identifier}
                onChange={(e) => set('identifier', e.target.value)}
              />
            )}
          </Field>
          <Field label="Status" errors={errorsOf('status')}>
            {(control) => (
              <select
                {...control}
                value={draft.status}
                onChange={(e) => set('status', e.target.value as CertificateStatus)}
              >
                {CERTIFICATE_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {humanize(status)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="form-grid certificate-form__issue">
          <Field label="Holder" errors={errorsOf('holder')} hint="Who it was issued to">
            {(control) => (
              <input {...control} required value={draft.holder} onChange={(e) => set('holder', e.target.value)} />
            )}
          </Field>
          <Field label="Issued by" errors={errorsOf('issuedBy')} hint="The certification body, lab or authority">
            {(control) => (
              <input {...control} required value={draft.issuedBy} onChange={(e) => set('issuedBy', e.target.value)} />
            )}
          </Field>
          <Field label="Issued on" errors={errorsOf('issuedOn')}>
            {(control) => (
              <input
                {...control}
                type="date"
                required
                value={draft.issuedOn}
                onChange={(e) => set('issuedOn', e.target.value)}
              />
            )}
          </Field>
          <Field label="Expires on" errors={errorsOf('expiresOn')} hint="Empty: does not expire">
            {(control) => (
              <input
                {...control}
                type="date"
                value={draft.expiresOn}
                onChange={(e) => set('expiresOn', e.target.value)}
              />
            )}
          </Field>
        </div>
        <CoveragePicker
          products={products}
          value={draft.coverage}
          onChange={(coverage) => set('coverage', coverage)}
          errors={errorsOf('coverage')}
        />
        <Field label="Notes" errors={errorsOf('notes')} className="certificate-form__notes">
          {(control) => (
            <textarea {...control} rows={3} value={draft.notes} onChange={(e) => set('notes', e.target.value)} />
          )}
        </Field>
      </fieldset>
      {readOnly ? (
        <p className="form__hint muted">
          Read only: changing certificates needs the <code>compliance:write</code> permission.
        </p>
      ) : (
        <p className="certificate-form__actions">
          <button className="button button--primary" type="submit" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : certificate ? 'Save changes' : 'Record certificate'}
          </button>
        </p>
      )}
    </form>
  );
}
