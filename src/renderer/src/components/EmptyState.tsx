import type { ReactNode } from 'react';

export function EmptyState({ icon, title, children, action, testId }: { icon: ReactNode; title: string; children?: ReactNode; action?: ReactNode; testId?: string }) {
  return (
    <section className="empty-state" data-testid={testId}>
      <div className="empty-icon">{icon}</div>
      <h2>{title}</h2>
      {children ? <div className="empty-text">{children}</div> : null}
      {action ? <div className="empty-action">{action}</div> : null}
    </section>
  );
}
