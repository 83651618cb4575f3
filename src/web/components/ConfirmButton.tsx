import { type ReactNode, useEffect, useRef, useState } from 'react';

/** A button for an action that cannot be undone: the first click asks, the second one acts. */
export function ConfirmButton({
  children,
  question,
  confirmLabel,
  onConfirm,
  disabled,
}: {
  children: ReactNode;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);

  // The safe choice gets the focus, so a stray Enter does not confirm.
  useEffect(() => {
    if (asking) cancel.current?.focus();
  }, [asking]);

  if (!asking) {
    return (
      <button
        type="button"
        className="button button--ghost-dark button--small"
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {children}
      </button>
    );
  }
  return (
    <span className="confirm">
      <span className="confirm__question">{question}</span>
      <button
        type="button"
        className="button button--danger button--small"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button
        ref={cancel}
        type="button"
        className="button button--ghost-dark button--small"
        onClick={() => setAsking(false)}
      >
        Cancel
      </button>
    </span>
  );
}
