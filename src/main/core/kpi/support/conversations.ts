import type { ConversationDetail, ConversationListQuery, ConversationPage, ConversationSummary, CsatListQuery, CsatResponsePage } from '../../../../shared/support';
import type { Company } from '../../companies/companyStore';
import { UserError } from '../../errors';
import { FACT_COLUMNS, csatCategory } from '../../sources/chatwoot/facts';
import { resolveRange } from './index';
import { scopeSql } from './scope';

/** The conversation list, one conversation's transcript and the CSAT answers table (drill-downs). */

const SUMMARY_COLUMNS = `f.conversation_id AS id, f.display_id, f.created_at, f.status_label, f.inbox_name, f.channel, f.assignee_name, f.team_name,
  f.contact_name, f.labels, f.messages_count, f.first_response_seconds, f.last_resolution_seconds, f.csat_rating, f.service_level,
  f.first_incoming_preview AS preview`;

type SummaryRow = Omit<ConversationSummary, 'created_at'> & { created_at: number };
const summaryOf = (row: SummaryRow): ConversationSummary => ({ ...row, labels: row.labels ?? '', created_at: new Date(row.created_at).toISOString() });

export function conversationPage(company: Company, query: ConversationListQuery): ConversationPage {
  const range = resolveRange(company, query);
  const [where, params] = scopeSql(query.scope ?? { kind: 'account' }).facts;
  const filters: string[] = ['f.created_day >= ?', 'f.created_day <= ?'];
  const values: unknown[] = [range.first, range.last];
  if (query.status !== undefined) {
    filters.push('f.status = ?');
    values.push(query.status);
  }
  const search = query.search?.trim();
  if (search) {
    const asNumber = Number(search.replace(/^#/, ''));
    if (Number.isInteger(asNumber) && asNumber > 0) {
      filters.push('f.display_id = ?');
      values.push(asNumber);
    } else {
      filters.push("(f.contact_name LIKE ? ESCAPE '\\' OR f.contact_email LIKE ? ESCAPE '\\' OR f.contact_phone LIKE ? ESCAPE '\\' OR f.labels LIKE ? ESCAPE '\\')");
      const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      values.push(like, like, like, like);
    }
  }
  const sqlWhere = `${filters.join(' AND ')}${where}`;
  const all = [...values, ...params];
  const total = company.db.prepare(`SELECT count(*) FROM cw_conversation_facts f WHERE ${sqlWhere}`).pluck().get(...all) as number;
  const rows = company.db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM cw_conversation_facts f WHERE ${sqlWhere} ORDER BY f.created_at DESC, f.conversation_id DESC LIMIT ? OFFSET ?`)
    .all(...all, query.limit ?? 50, query.offset ?? 0) as SummaryRow[];
  return { total, rows: rows.map(summaryOf) };
}

const EVENT_LABELS: Record<string, string> = {
  first_response: '1ª resposta',
  reply_time: 'Resposta ao cliente',
  conversation_resolved: 'Resolvida',
  conversation_bot_resolved: 'Resolvida pelo bot',
  conversation_bot_handoff: 'Transferida para humano',
  conversation_opened: 'Reaberta',
};

const minutes = (seconds: number | null) => (seconds === null ? '' : seconds < 60 ? `${Math.round(seconds)} s` : seconds < 3600 ? `${Math.round(seconds / 60)} min` : `${(seconds / 3600).toLocaleString('pt-BR', { maximumFractionDigits: 1 })} h`);

export function conversationDetail(company: Company, id: number): ConversationDetail {
  const db = company.db;
  const summary = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM cw_conversation_facts f WHERE f.conversation_id = ?`).get(id) as SummaryRow | undefined;
  if (!summary) throw new UserError(`A conversa ${id} não está no espelho do Chatwoot desta empresa; sincronize o Chatwoot e tente de novo.`, 'not-found');
  const facts = db.prepare(`SELECT ${FACT_COLUMNS.join(', ')} FROM cw_conversation_facts WHERE conversation_id = ?`).get(id) as Record<string, string | number | null>;
  const agents = new Map((db.prepare('SELECT id, name FROM cw_agents').all() as Array<{ id: number; name: string }>).map((a) => [a.id, a.name]));
  const contact = facts.contact_name as string | null;
  const events = db
    .prepare('SELECT name, value, value_in_business_hours, user_id, event_end_time, created_at FROM cw_events WHERE conversation_id = ? ORDER BY created_at, id')
    .all(id) as Array<{ name: string; value: number | null; value_in_business_hours: number | null; user_id: number | null; event_end_time: number | null; created_at: number }>;
  const messages = db
    .prepare('SELECT id, message_type, content_type, private, sender_type, sender_id, content, created_at FROM cw_messages WHERE conversation_id = ? ORDER BY created_at, id')
    .all(id) as Array<{ id: number; message_type: number; content_type: number; private: number; sender_type: string | null; sender_id: number | null; content: string | null; created_at: number }>;

  // Each timing mark goes on the message that ends the measured interval (event_end_time).
  const marksAt = new Map<number, string[]>();
  const firstAtOrAfter = (at: number) => messages.find((m) => m.created_at >= at - 1000) ?? messages[messages.length - 1];
  for (const e of events) {
    const at = e.event_end_time ?? e.created_at;
    const target = firstAtOrAfter(at);
    if (!target) continue;
    const text = `${EVENT_LABELS[e.name] ?? e.name}${e.value !== null && e.name !== 'conversation_bot_resolved' ? ` (${minutes(e.value)})` : ''}`;
    marksAt.set(target.id, [...(marksAt.get(target.id) ?? []), text]);
  }
  const kindOf = (m: (typeof messages)[number]): ConversationDetail['messages'][number]['kind'] => {
    if (m.content_type === 9) return 'csat';
    if (m.message_type === 0) return 'incoming';
    if (m.message_type === 2) return 'activity';
    if (m.message_type === 3) return 'template';
    if (m.private) return 'private';
    if (m.sender_type === 'AgentBot' || m.sender_type === 'Captain::Assistant') return 'bot';
    return 'outgoing';
  };
  const senderOf = (m: (typeof messages)[number]) => {
    if (m.sender_type === 'Contact') return contact ?? 'Cliente';
    if (m.sender_type === 'User') return m.sender_id !== null ? (agents.get(m.sender_id) ?? `Agente #${m.sender_id} (removido)`) : 'Agente';
    if (m.sender_type === 'AgentBot') return 'Bot';
    if (m.sender_type === 'Captain::Assistant') return 'Assistente de IA';
    return null;
  };
  return {
    summary: summaryOf(summary),
    facts,
    messages: messages.map((m) => ({ id: m.id, at: new Date(m.created_at).toISOString(), kind: kindOf(m), sender: senderOf(m), content: m.content, marks: marksAt.get(m.id) ?? [] })),
    events: events.map((e) => ({
      name: e.name,
      label: EVENT_LABELS[e.name] ?? e.name,
      at: new Date(e.created_at).toISOString(),
      value: e.value,
      value_in_business_hours: e.value_in_business_hours,
      user: e.user_id === null ? null : (agents.get(e.user_id) ?? `Agente #${e.user_id}`),
    })),
  };
}

export function csatPage(company: Company, query: CsatListQuery): CsatResponsePage {
  const range = resolveRange(company, query);
  const [where, params] = scopeSql(query.scope ?? { kind: 'account' }).csat;
  const filters = ['r.day >= ?', 'r.day <= ?'];
  const values: unknown[] = [range.first, range.last];
  if (query.rating !== undefined) {
    filters.push('r.rating = ?');
    values.push(query.rating);
  }
  const sqlWhere = `${filters.join(' AND ')}${where}`;
  const all = [...values, ...params];
  const total = company.db.prepare(`SELECT count(*) FROM cw_csat_responses r WHERE ${sqlWhere}`).pluck().get(...all) as number;
  const rows = company.db
    .prepare(
      `SELECT r.id, r.conversation_id, c.display_id, p.name AS contact_name, a.name AS agent_name, r.rating, r.feedback_message AS feedback, r.created_at
       FROM cw_csat_responses r LEFT JOIN cw_conversations c ON c.id = r.conversation_id LEFT JOIN cw_contacts p ON p.id = r.contact_id
       LEFT JOIN cw_agents a ON a.id = r.assigned_agent_id
       WHERE ${sqlWhere} ORDER BY r.created_at DESC, r.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...all, query.limit ?? 50, query.offset ?? 0) as Array<Omit<CsatResponsePage['rows'][number], 'at' | 'category'> & { created_at: number }>;
  return {
    total,
    rows: rows.map(({ created_at, ...r }) => ({ ...r, category: csatCategory(r.rating) as string, at: new Date(created_at).toISOString() })),
  };
}
