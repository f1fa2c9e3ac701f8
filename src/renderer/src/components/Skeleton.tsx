/** Grey placeholders while the first answer is on its way. */
export function PageSkeleton({ label = 'Carregando…' }: { label?: string }) {
  return (
    <div className="skeleton-page" aria-busy="true">
      <span className="visually-hidden" role="status">
        {label}
      </span>
      <div className="skeleton skeleton-title" />
      <div className="skeleton-row">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className="skeleton skeleton-card" />
        ))}
      </div>
      <div className="skeleton skeleton-block" />
    </div>
  );
}
