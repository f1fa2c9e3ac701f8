import ExcelJS from 'exceljs';
import type { SupportExportTable, SupportGroupBy, SupportQuery } from '../../../../shared/support';
import type { Company } from '../../companies/companyStore';
import { WEEKDAYS } from '../../sources/chatwoot/facts';
import { conversationPage, csatPage } from './conversations';
import { supportKpis, supportTimeseries } from './index';

/**
 * Every table of the Atendimento dashboard as CSV (`;`-separated, UTF-8 with BOM, so Excel in
 * Portuguese opens it in columns) or as an .xlsx, with the rows the screen shows. Times in seconds.
 */

type Cell = string | number | null;
interface Sheet {
  title: string;
  headers: string[];
  rows: Cell[][];
}

const round = (v: number | null) => (v === null ? null : Math.round(v));
const EXPORT_ALL = 1_000_000;

function sheetOf(company: Company, table: SupportExportTable, query: SupportQuery, groupBy: SupportGroupBy): Sheet {
  const entity = (name: string, rows: Array<{ conversations_count: number; resolved_conversations_count: number; avg_first_response_time: number | null; avg_resolution_time: number | null; avg_reply_time: number | null }>, names: string[]) => ({
    title: name,
    headers: [name, 'Conversas', 'Resoluções', '1ª resposta média (s)', 'Resolução média (s)', 'Espera média do cliente (s)'],
    rows: rows.map((r, i) => [names[i], r.conversations_count, r.resolved_conversations_count, round(r.avg_first_response_time), round(r.avg_resolution_time), round(r.avg_reply_time)]),
  });
  switch (table) {
    case 'agents': {
      const k = supportKpis(company, query);
      return entity('Agente', k.by_agent, k.by_agent.map((a) => a.name));
    }
    case 'inboxes': {
      const k = supportKpis(company, query);
      return entity('Caixa de entrada', k.by_inbox, k.by_inbox.map((i) => `${i.name} (${i.channel})`));
    }
    case 'teams': {
      const k = supportKpis(company, query);
      return entity('Time', k.by_team, k.by_team.map((t) => t.name));
    }
    case 'labels': {
      const k = supportKpis(company, query);
      return entity('Etiqueta', k.by_label, k.by_label.map((l) => l.label));
    }
    case 'summary': {
      const k = supportKpis(company, query);
      const line = (label: string, now: number | null, before: number | null | undefined): Cell[] => [label, now, before ?? null];
      return {
        title: 'Resumo',
        headers: ['Indicador', 'Período', 'Período anterior'],
        rows: [
          line('Conversas', k.conversations_count, k.previous?.conversations_count),
          line('Mensagens recebidas', k.incoming_messages_count, k.previous?.incoming_messages_count),
          line('Mensagens enviadas', k.outgoing_messages_count, k.previous?.outgoing_messages_count),
          line('1ª resposta média (s)', round(k.avg_first_response_time), round(k.previous?.avg_first_response_time ?? null)),
          line('Resolução média (s)', round(k.avg_resolution_time), round(k.previous?.avg_resolution_time ?? null)),
          line('Espera média do cliente (s)', round(k.avg_reply_time), round(k.previous?.avg_reply_time ?? null)),
          line('Resoluções', k.resolutions_count, k.previous?.resolutions_count),
          line('Resoluções pelo bot', k.bot_resolutions_count, k.previous?.bot_resolutions_count),
          line('Transferências do bot', k.bot_handoffs_count, k.previous?.bot_handoffs_count),
          line('Respostas CSAT', k.csat_total_responses, k.previous?.csat_total_responses),
          line('Satisfação CSAT (%)', k.csat_satisfaction_score, k.previous?.csat_satisfaction_score),
          line('Taxa de resposta CSAT (%)', k.csat_response_rate, null),
        ],
      };
    }
    case 'timeseries': {
      const t = supportTimeseries(company, { ...query, groupBy });
      return {
        title: 'Série',
        headers: ['Início do período', 'Conversas', 'Recebidas', 'Enviadas', '1ª resposta média (s)', 'Resolução média (s)', 'Espera média (s)', 'Resoluções', 'Resoluções pelo bot', 'Transferências do bot'],
        rows: t.points.map((p) => [
          p.bucket, p.conversations_count, p.incoming_messages_count, p.outgoing_messages_count, round(p.avg_first_response_time), round(p.avg_resolution_time),
          round(p.avg_reply_time), p.resolutions_count, p.bot_resolutions_count, p.bot_handoffs_count,
        ]),
      };
    }
    case 'heatmap': {
      const k = supportKpis(company, query);
      const rows: Cell[][] = Array.from({ length: 24 }, (_, hour) => [`${String(hour).padStart(2, '0')}h`, ...WEEKDAYS.map((_, weekday) => k.heatmap[weekday * 24 + hour].conversations_count)]);
      return { title: 'Mapa de calor', headers: ['Hora', ...WEEKDAYS], rows };
    }
    case 'resolutions_heatmap': {
      const k = supportKpis(company, query);
      const rows: Cell[][] = Array.from({ length: 24 }, (_, hour) => [`${String(hour).padStart(2, '0')}h`, ...WEEKDAYS.map((_, weekday) => k.resolutions_heatmap[weekday * 24 + hour].resolutions_count)]);
      return { title: 'Resoluções por hora', headers: ['Hora', ...WEEKDAYS], rows };
    }
    case 'status': {
      const k = supportKpis(company, query);
      return { title: 'Status', headers: ['Status', 'Conversas'], rows: k.by_status.map((s) => [s.label, s.conversations_count]) };
    }
    case 'priority': {
      const k = supportKpis(company, query);
      return { title: 'Prioridade', headers: ['Prioridade', 'Conversas'], rows: k.by_priority.map((p) => [p.priority, p.conversations_count]) };
    }
    case 'channels': {
      const k = supportKpis(company, query);
      return {
        title: 'Canal × status',
        headers: ['Canal', 'Abertas', 'Pendentes', 'Adiadas', 'Resolvidas', 'Total'],
        rows: k.by_channel.map((c) => [c.channel, c.open, c.pending, c.snoozed, c.resolved, c.total]),
      };
    }
    case 'first_response': {
      const k = supportKpis(company, query);
      return { title: '1ª resposta', headers: ['Faixa da 1ª resposta', 'Conversas'], rows: k.first_response_distribution.map((b) => [b.bucket, b.count]) };
    }
    case 'ratings': {
      const k = supportKpis(company, query);
      return { title: 'Notas CSAT', headers: ['Nota', 'Respostas', '% das respostas'], rows: k.csat_ratings.map((r) => [r.rating, r.count, r.percent]) };
    }
    case 'conversations': {
      const rows: Cell[][] = [];
      let total = Infinity;
      for (let offset = 0; offset < total && offset < EXPORT_ALL; offset += 500) {
        const page = conversationPage(company, { from: query.from, to: query.to, scope: query.scope, limit: 500, offset });
        total = page.total;
        for (const c of page.rows) {
          rows.push([c.display_id, c.created_at, c.status_label, c.channel, c.inbox_name, c.assignee_name, c.team_name, c.contact_name, c.labels, c.messages_count, round(c.first_response_seconds), round(c.last_resolution_seconds), c.csat_rating, c.service_level]);
        }
      }
      return {
        title: 'Conversas',
        headers: ['Conversa', 'Criada em (UTC)', 'Status', 'Canal', 'Caixa de entrada', 'Agente', 'Time', 'Contato', 'Etiquetas', 'Mensagens', '1ª resposta (s)', 'Resolução (s)', 'Nota CSAT', 'Atendido por'],
        rows,
      };
    }
    case 'csat': {
      const rows: Cell[][] = [];
      const first = csatPage(company, { from: query.from, to: query.to, scope: query.scope, limit: 500, offset: 0 });
      for (let offset = 0; offset < first.total; offset += 500) {
        const page = offset === 0 ? first : csatPage(company, { from: query.from, to: query.to, scope: query.scope, limit: 500, offset });
        for (const r of page.rows) rows.push([r.agent_name, r.rating, r.category, r.feedback, r.contact_name, r.display_id, r.at]);
      }
      return { title: 'CSAT', headers: ['Agente', 'Nota', 'Categoria', 'Comentário', 'Contato', 'Conversa', 'Respondida em (UTC)'], rows };
    }
  }
}

function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  return /[;"\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export async function exportSupportTable(
  company: Company,
  table: SupportExportTable,
  format: 'csv' | 'xlsx',
  query: SupportQuery & { groupBy?: SupportGroupBy } = {},
): Promise<{ fileName: string; content: string; rows: number }> {
  const { groupBy = 'day', ...rest } = query;
  const sheet = sheetOf(company, table, rest, groupBy);
  const period = rest.from || rest.to ? `${rest.from ?? 'inicio'}-${rest.to ?? 'hoje'}` : 'tudo';
  const fileName = `atendimento-${table}-${company.slug}-${period}.${format}`;
  if (format === 'csv') {
    const text = [sheet.headers, ...sheet.rows].map((row) => row.map(csvCell).join(';')).join('\r\n');
    return { fileName, content: Buffer.from(`\uFEFF${text}\r\n`, 'utf8').toString('base64'), rows: sheet.rows.length };
  }
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(sheet.title);
  ws.addRow(sheet.headers).font = { bold: true };
  for (const row of sheet.rows) ws.addRow(row);
  ws.columns.forEach((column, i) => {
    column.width = Math.min(40, Math.max(10, sheet.headers[i].length + 2));
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName, content: buffer.toString('base64'), rows: sheet.rows.length };
}
