import type { SupportGroupBy } from '../../../../shared/support';
import { GROUP_LABELS } from './supportView';

/** Dia / Semana / Mês (or a subset) as a segmented control. */
export function GroupBySelect({ value, onChange, options = ['day', 'week', 'month'], testId }: { value: SupportGroupBy; onChange(groupBy: SupportGroupBy): void; options?: SupportGroupBy[]; testId: string }) {
  return (
    <div className="segmented" role="group" aria-label="Agrupar por">
      {options.map((g) => (
        <button key={g} type="button" className="segment" aria-pressed={value === g} data-testid={`${testId}-${g}`} onClick={() => onChange(g)}>
          {GROUP_LABELS[g]}
        </button>
      ))}
    </div>
  );
}
