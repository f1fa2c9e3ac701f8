import type { ReactNode } from 'react';

export interface Delta {
  /** e.g. "12,3%" or "2,1 p.p." (no sign: the arrow says it). */
  text: string;
  direction: 'up' | 'down' | 'flat';
  /** Whether the change is good news; by default a rise is (for times, a fall is). */
  good?: boolean;
}

/** A headline number. `raw` goes to data-value exactly as the core sent it. */
export function KpiCard({ label, testKey, raw, value, sub, delta, deltaTitle }: { label: string; testKey: string; raw: number | null; value: string; sub?: ReactNode; delta?: Delta | null; deltaTitle?: string }) {
  return (
    <section className="kpi-card" aria-label={label}>
      <h3 className="kpi-label">{label}</h3>
      <p className="kpi-value" data-testid={`kpi-${testKey}`} data-value={String(raw)}>
        {value}
      </p>
      <div className="kpi-foot">
        {delta ? (
          <span className={`kpi-delta kpi-delta-${delta.direction === 'flat' ? 'flat' : (delta.good ?? delta.direction === 'up') ? 'up' : 'down'}`} title={deltaTitle} data-testid={`kpi-${testKey}-delta`}>
            <span aria-hidden="true">{delta.direction === 'up' ? '▲' : delta.direction === 'down' ? '▼' : '■'}</span>
            <span className="visually-hidden">{delta.direction === 'up' ? 'alta de' : delta.direction === 'down' ? 'queda de' : 'estável,'}</span> {delta.text}
          </span>
        ) : null}
        {sub ? <span className="kpi-sub">{sub}</span> : null}
      </div>
    </section>
  );
}
