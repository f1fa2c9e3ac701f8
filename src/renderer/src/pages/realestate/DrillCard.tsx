import { useState, type ReactNode } from 'react';

export interface DrillRow {
  key: string;
  cells: ReactNode[];
  /** Absent when the row cannot narrow the table (e.g. a sale without a broker). */
  onSelect?(): void;
}

/**
 * A chart card whose bars drill down, with a table view of the same rows for keyboard and
 * screen-reader users (Enter or Space on a row does what a click on its bar does).
 */
export function DrillCard({
  id,
  title,
  subtitle,
  chart,
  columns,
  rows,
  caption,
  className = '',
}: {
  id: string;
  title: string;
  subtitle?: ReactNode;
  chart: ReactNode;
  columns: Array<{ label: string; num?: boolean }>;
  rows: DrillRow[];
  caption: string;
  className?: string;
}) {
  const [asTable, setAsTable] = useState(false);
  return (
    <section className={`card chart-card ${className}`} aria-labelledby={`${id}-title`} data-testid={id}>
      <div className="chart-card-head">
        <div>
          <h2 id={`${id}-title`} className="card-title">
            {title}
          </h2>
          {subtitle ? <p className="muted small">{subtitle}</p> : null}
        </div>
        <div className="segmented" role="group" aria-label={`Mostrar ${title.toLowerCase()} como`}>
          <button type="button" className="segment" aria-pressed={!asTable} onClick={() => setAsTable(false)} data-testid={`${id}-as-chart`}>
            Gráfico
          </button>
          <button type="button" className="segment" aria-pressed={asTable} onClick={() => setAsTable(true)} data-testid={`${id}-as-table`}>
            Tabela
          </button>
        </div>
      </div>
      {asTable ? (
        <div className="drill-table-scroll">
          <table className="table table-compact" data-testid={`${id}-table`}>
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.label} scope="col" className={c.num ? 'num' : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr
                  key={row.key}
                  className={row.onSelect ? 'row-link' : undefined}
                  tabIndex={row.onSelect ? 0 : undefined}
                  data-testid="drill-row"
                  data-key={row.key}
                  onClick={row.onSelect}
                  onKeyDown={(e) => {
                    if (row.onSelect && (e.key === 'Enter' || e.key === ' ')) {
                      e.preventDefault();
                      row.onSelect();
                    }
                  }}
                >
                  {row.cells.map((cell, i) => (
                    <td key={i} className={columns[i]?.num ? 'num' : i === 0 ? 'cell-name' : undefined}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        chart
      )}
    </section>
  );
}
