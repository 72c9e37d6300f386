import { useState } from 'react';

/**
 * A secret the back end hands out once (an API key, a webhook signing secret): shown in a box to
 * copy, with the warning that it cannot be shown again, until the trader dismisses it.
 */
export function OnceSecret(props: {
  label: string;
  value: string;
  /** What Tickstep keeps instead, as a sentence. */
  keeps: string;
  children?: React.ReactNode;
  onDismiss: () => void;
}) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = () => {
    navigator.clipboard
      .writeText(props.value)
      .then(() => setCopied('yes'))
      .catch(() => setCopied('no'));
  };
  return (
    <section className="once-secret" aria-label={`New ${props.label}`}>
      <p className="once-warning" role="status">
        <strong>Copy this {props.label} now: you will not see it again.</strong> {props.keeps}
      </p>
      <div className="once-box">
        <output aria-label={props.label} className="once-value">
          {props.value}
        </output>
        <button type="button" onClick={copy}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
      </div>
      {copied === 'no' && (
        <p className="hint">The clipboard is not available here: select the text and copy it.</p>
      )}
      {props.children}
      <div className="actions">
        <button type="button" onClick={props.onDismiss}>
          I have stored it
        </button>
      </div>
    </section>
  );
}
