import { formatDuration } from '../../../../shared/format';
import type { JobFinished } from '../../../../shared/jobs';
import { plural, robotTotals } from '../../app/boletos';

/** The sentence shown when a robot run ends, and how loud it should be. */
export function describeRobotResult(result: JobFinished): { text: string; tone: 'success' | 'warning' | 'error' | 'info' } {
  const seconds = (new Date(result.endedAt).getTime() - new Date(result.startedAt).getTime()) / 1000;
  const t = robotTotals(result.counts);
  const skipped = result.counts['boletos.skipped'] ?? 0;
  const parts = [
    plural(t.success, 'boleto salvo', 'boletos salvos'),
    plural(t.errors, 'erro', 'erros'),
    plural(t.cpf_not_found, 'CPF não encontrado', 'CPFs não encontrados'),
    `${t.no_boleto} sem boleto`,
  ].join(', ');
  const skippedText = skipped ? ` ${plural(skipped, 'cliente já concluído', 'clientes já concluídos')} neste mês ${skipped === 1 ? 'ficou' : 'ficaram'} de fora.` : '';
  switch (result.status) {
    case 'succeeded':
      return {
        text: `Concluído em ${formatDuration(seconds)}: ${parts}.${skippedText}${t.errors ? ' Os clientes com erro são tentados de novo na próxima execução.' : ''}`,
        tone: t.errors ? 'warning' : 'success',
      };
    case 'failed':
      return { text: `O robô parou: ${result.error?.message ?? 'motivo não informado.'}${t.success ? ` Antes disso, ${parts}.` : ''}`, tone: 'error' };
    case 'cancelled':
      return { text: `${result.error?.message ?? 'Execução cancelada.'} Até ali: ${parts}.`, tone: 'info' };
    case 'interrupted':
      return { text: `Execução interrompida. ${result.error?.message ?? ''} Até ali: ${parts}.`.replace(/\s+/g, ' '), tone: 'warning' };
    case 'running':
      return { text: 'Em andamento.', tone: 'info' };
  }
}
