import { DayInput } from '../../components/DayInput';
import { PERIOD_LABELS, type Period, type PeriodKind } from '../../app/period';

const KINDS = Object.keys(PERIOD_LABELS) as PeriodKind[];

export function PeriodSelect({ period, onChange, defaultCustom }: { period: Period; onChange(period: Period): void; defaultCustom: { from: string; to: string } }) {
  return (
    <div className="period-select">
      <label htmlFor="period-select" className="field-inline-label">
        Período
      </label>
      <select
        id="period-select"
        className="select"
        data-testid="period-select"
        value={period.kind}
        onChange={(e) => {
          const kind = e.target.value as PeriodKind;
          onChange(kind === 'custom' ? { kind, from: period.from || defaultCustom.from, to: period.to || defaultCustom.to } : { ...period, kind });
        }}
      >
        {KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {PERIOD_LABELS[kind]}
          </option>
        ))}
      </select>
      {period.kind === 'custom' ? (
        <>
          <DayInput id="period-from" label="De" testId="period-from" value={period.from} onChange={(from) => onChange({ ...period, from })} />
          <DayInput id="period-to" label="Até" testId="period-to" value={period.to} onChange={(to) => onChange({ ...period, to })} />
        </>
      ) : null}
    </div>
  );
}
