import { formatDuration, formatInteger } from '../../../../shared/format';
import type { JobFinished } from '../../../../shared/jobs';
import { writeTotals } from '../../app/runCounts';

function plural(n: number, one: string, many: string): string {
  return `${formatInteger(n)} ${n === 1 ? one : many}`;
}

/** The sentence shown when a sync ends. */
export function describeSyncResult(result: JobFinished): string {
  const seconds = (new Date(result.endedAt).getTime() - new Date(result.startedAt).getTime()) / 1000;
  const t = writeTotals(result.counts);
  switch (result.status) {
    case 'succeeded': {
      const parts = [plural(t.inserted, 'novo', 'novos'), plural(t.updated, 'atualizado', 'atualizados'), `${formatInteger(t.unchanged)} sem mudança`, plural(t.deleted, 'removido', 'removidos')];
      const invalid = t.invalid ? ` ${plural(t.invalid, 'registro ignorado', 'registros ignorados')} por dados inválidos (veja o histórico).` : '';
      return `Sincronização concluída em ${formatDuration(seconds)}: ${parts.join(', ')}.${invalid}`;
    }
    case 'failed':
      return `Sincronização falhou: ${result.error?.message ?? 'motivo não informado.'}`;
    case 'cancelled':
      return result.error?.message ?? 'Sincronização cancelada.';
    case 'interrupted':
      return `Sincronização interrompida. ${result.error?.message ?? ''}`.trim();
    case 'running':
      return 'Sincronização em andamento.';
  }
}
