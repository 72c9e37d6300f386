/**
 * A failed action's message with a way to dismiss it. It belongs to the action that failed: the
 * owner clears it on the next successful action or when its cause changes (the field it named).
 */
export function ErrorNotice({ error, onDismiss }: { error: string | null; onDismiss: () => void }) {
  if (!error) return null;
  return (
    <div role="alert" className="error error-notice">
      <span>{error}</span>
      <button type="button" className="link dismiss" aria-label="Dismiss the message" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
