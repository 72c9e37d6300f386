import type { ReactNode } from 'react';

/** An empty list or page: what is missing, what to do next, and the buttons that do it. */
export function EmptyState({
  title,
  children,
  actions,
}: {
  title: string;
  children?: ReactNode;
  actions: ReactNode;
}) {
  return (
    <section className="empty-state" aria-label={title}>
      <strong>{title}</strong>
      {children && <p className="hint">{children}</p>}
      <div className="actions">{actions}</div>
    </section>
  );
}
