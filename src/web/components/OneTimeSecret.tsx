import { useId, useRef, useState } from 'react';

/**
 * A password or token secret the server will never show again (it keeps only a hash): show it once,
 * make it easy to copy, and let the user dismiss it when it is safely stored.
 */
export function OneTimeSecret({
  title,
  label,
  secret,
  onDone,
}: {
  title: string;
  /** Accessible name of the field holding the secret. */
  label: string;
  secret: string;
  onDone: () => void;
}) {
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<'copied' | 'manual' | null>(null);

  const copyToClipboard = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy('copied');
    } catch {
      // No clipboard access (an insecure origin, a browser policy): select it for Ctrl+C instead.
      field.current?.select();
      setCopy('manual');
    }
  };

  return (
    <section className="secret" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="secret__title">
        {title}
      </h3>
      <p className="secret__hint">Copy it now. It is shown only this once; nobody can look it up later.</p>
      <div className="secret__row">
        <input
          ref={field}
          id={`${id}-value`}
          className="secret__value"
          aria-label={label}
          readOnly
          spellCheck={false}
          value={secret}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="button button--small" onClick={copyToClipboard}>
          Copy
        </button>
        <button type="button" className="button button--ghost-dark button--small" onClick={onDone}>
          Done
        </button>
      </div>
      <p className="secret__feedback" aria-live="polite">
        {copy === 'copied'
          ? 'Copied to the clipboard.'
          : copy === 'manual'
            ? 'Selected: press Ctrl+C (⌘C) to copy.'
            : ''}
      </p>
    </section>
  );
}
