/** What the last save or delete did, read out to screen readers; nothing without one. */
export function Notice({ text }: { text: string | null }) {
  return text ? (
    <p className="status status--ok" role="status">
      {text}
    </p>
  ) : null;
}
