import { useState } from 'react';
import { formatDay } from '../../../shared/format';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const BR = /^(\d{2})\/(\d{2})\/(\d{4})$/;

function isRealDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** "31/12/2025" or "2025-12-31" → "2025-12-31"; null when incomplete or not a real day. */
export function parseDay(text: string): string | null {
  const t = text.trim();
  const iso = ISO.exec(t);
  const br = BR.exec(t);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : br ? [br[3], br[2], br[1]] : [];
  if (!y || !isRealDay(Number(y), Number(m), Number(d))) return null;
  return `${y}-${m}-${d}`;
}

/** Typing digits fills in the slashes: "3112" → "31/12". */
function mask(text: string): string {
  if (/[-]/.test(text)) return text;
  const digits = text.replace(/\D/g, '').slice(0, 8);
  if (digits.length <= 2) return digits;
  if (digits.length <= 4) return `${digits.slice(0, 2)}/${digits.slice(2)}`;
  return `${digits.slice(0, 2)}/${digits.slice(2, 4)}/${digits.slice(4)}`;
}

/**
 * A date field that always reads dd/mm/aaaa, whatever the system's language (the native date
 * input follows the OS locale). `value` and `onChange` speak YYYY-MM-DD.
 */
export function DayInput({ id, value, onChange, testId, label }: { id: string; value: string; onChange(day: string): void; testId?: string; label: string }) {
  const [text, setText] = useState(() => (value ? formatDay(value) : ''));
  const [shownFor, setShownFor] = useState(value);
  const [invalid, setInvalid] = useState(false);
  // A new value from outside (another period picked) replaces what is shown.
  if (value !== shownFor) {
    setShownFor(value);
    if (parseDay(text) !== value) setText(value ? formatDay(value) : '');
  }
  return (
    <>
      <label htmlFor={id} className="field-inline-label">
        {label}
      </label>
      <input
        id={id}
        className="input input-date"
        data-testid={testId}
        data-value={value}
        value={text}
        placeholder="dd/mm/aaaa"
        inputMode="numeric"
        autoComplete="off"
        maxLength={10}
        aria-invalid={invalid || undefined}
        title={invalid ? 'Data inválida: use dd/mm/aaaa' : undefined}
        onChange={(e) => {
          const next = mask(e.target.value);
          setText(next);
          const day = parseDay(next);
          if (day) {
            setInvalid(false);
            setShownFor(day);
            if (day !== value) onChange(day);
          } else if (next === '') {
            setInvalid(false);
            setShownFor('');
            if (value !== '') onChange('');
          }
        }}
        onBlur={() => {
          const day = parseDay(text);
          if (day) setText(formatDay(day));
          setInvalid(text.trim() !== '' && !day);
        }}
      />
    </>
  );
}
