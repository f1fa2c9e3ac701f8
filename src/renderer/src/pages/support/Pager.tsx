import { formatInteger } from '../../../../shared/format';

/** "1–50 de 1.234" with previous / next. */
export function Pager({ offset, limit, total, onChange, testId }: { offset: number; limit: number; total: number; onChange(offset: number): void; testId: string }) {
  return (
    <div className="pagination" data-testid={testId}>
      <span aria-live="polite">{total ? `${formatInteger(offset + 1)}–${formatInteger(Math.min(offset + limit, total))} de ${formatInteger(total)}` : 'Nenhum resultado'}</span>
      <div className="button-row">
        <button type="button" className="button button-small" data-testid={`${testId}-previous`} disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
          Anterior
        </button>
        <button type="button" className="button button-small" data-testid={`${testId}-next`} disabled={offset + limit >= total} onClick={() => onChange(offset + limit)}>
          Próxima
        </button>
      </div>
    </div>
  );
}
