import type { RunStatus } from '../../../shared/jobs';

type Tone = 'success' | 'danger' | 'neutral' | 'info' | 'warning';

export function Chip({ tone, children }: { tone: Tone; children: string }) {
  return <span className={`chip chip-${tone}`}>{children}</span>;
}

const RUN_STATUS: Record<RunStatus, { label: string; tone: Tone }> = {
  running: { label: 'Em andamento', tone: 'info' },
  succeeded: { label: 'Concluída', tone: 'success' },
  failed: { label: 'Falhou', tone: 'danger' },
  cancelled: { label: 'Cancelada', tone: 'neutral' },
  interrupted: { label: 'Interrompida', tone: 'warning' },
};

export function RunStatusChip({ status }: { status: RunStatus }) {
  const { label, tone } = RUN_STATUS[status];
  return <Chip tone={tone}>{label}</Chip>;
}

const DEAL_STATUS = {
  won: { label: 'Ganho', tone: 'success' },
  lost: { label: 'Perdido', tone: 'danger' },
  open: { label: 'Em aberto', tone: 'info' },
} as const;

export function DealStatusChip({ status }: { status: 'won' | 'lost' | 'open' }) {
  const { label, tone } = DEAL_STATUS[status];
  return <Chip tone={tone}>{label}</Chip>;
}
