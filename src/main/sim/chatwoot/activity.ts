import { Client } from 'pg';
import { UserError, errorMessage } from '../../core/errors';
import { Draws } from '../ploomes/random';
import { businessSeconds, type WorkingDay } from './businessHours';
import { chatwootTarget } from './load';

export interface ActivityOptions {
  seed: number;
  /** When it all happens (default now); every touched row gets this updated_at. */
  at?: Date;
  /** The account to work in (default: the lowest account id, the generated one). */
  accountId?: number;
  newConversations: number;
  /** Agent replies to waiting customers, plus as many new customer messages on open conversations that were not waiting. */
  replies: number;
  resolutions: number;
  reopenings: number;
}

export interface ActivityResult {
  conversationIds: number[];
  messages: number;
  events: number;
}

interface InboxInfo {
  id: number;
  timeZone: string;
  calendar: WorkingDay[];
  csat: boolean;
  botId: number | null;
  members: number[];
}

interface ConversationState {
  id: number;
  inbox_id: number;
  contact_id: number;
  assignee_id: number | null;
  created_ms: number;
  waiting_ms: number | null;
  first_reply_ms: number | null;
}

const S = { pick: 301, content: 302 } as const;

/** Timestamp parameter for a `timestamp without time zone` column holding UTC. */
const ts = (ms: number) => new Date(ms).toISOString().slice(0, 23);

const CONVERSATION_STATE = `SELECT id, inbox_id, contact_id, assignee_id, extract(epoch FROM created_at) * 1000 AS created_ms,
  extract(epoch FROM waiting_since) * 1000 AS waiting_ms, extract(epoch FROM first_reply_created_at) * 1000 AS first_reply_ms FROM conversations`;

function toState(row: Record<string, unknown>): ConversationState {
  const n = (v: unknown) => (v === null ? null : Number(v));
  return {
    id: Number(row.id), inbox_id: Number(row.inbox_id), contact_id: Number(row.contact_id), assignee_id: n(row.assignee_id),
    created_ms: Number(row.created_ms), waiting_ms: n(row.waiting_ms), first_reply_ms: n(row.first_reply_ms),
  };
}

/**
 * Live follow-up on a generated Chatwoot database, through plain INSERT/UPDATE as the Rails app
 * would do them (display_id from the trigger, ids from the sequences), keeping the reporting
 * invariants: waiting_since, first replies, reporting events and CSAT surveys. One transaction.
 */
export async function simulateActivity(pgUrl: string, options: ActivityOptions): Promise<ActivityResult> {
  const target = chatwootTarget(pgUrl);
  const client = new Client({ connectionString: pgUrl });
  try {
    await client.connect();
  } catch (err) {
    throw new UserError(`Não foi possível conectar ao PostgreSQL em ${target.where} (${errorMessage(err)}); verifique se o servidor está no ar.`, 'chatwoot-pg-connect');
  }
  const atMs = (options.at ?? new Date()).getTime();
  const now = ts(atMs);
  const picks = new Draws(options.seed, S.pick, atMs % 2_147_483_647);
  const content = new Draws(options.seed, S.content, atMs % 2_147_483_647);
  const touched = new Set<number>();
  let messages = 0;
  let events = 0;
  try {
    await client.query('BEGIN');
    const accountId = options.accountId ?? Number((await client.query('SELECT min(id) AS id FROM accounts')).rows[0].id);
    const inboxes = await loadInboxes(client, accountId);

    const message = async (conv: number, inbox: number, type: number, text: string, senderType: string | null, senderId: number | null, contentType = 0) => {
      await client.query(
        `INSERT INTO messages (content, account_id, inbox_id, conversation_id, message_type, created_at, updated_at, private, status, content_type,
           content_attributes, sender_type, sender_id, processed_message_content)
         VALUES ($1, $2, $3, $4, $5, $6, $6, false, 0, $7, '{}', $8, $9, $1)`,
        [text, accountId, inbox, conv, type, now, contentType, senderType, senderId],
      );
      messages++;
    };
    const event = async (name: string, conv: ConversationState, startMs: number, userId: number | null, zero = false) => {
      const inbox = inboxes.get(conv.inbox_id);
      const value = zero ? 0 : (atMs - startMs) / 1000;
      const business = zero || !inbox ? 0 : businessSeconds(new Date(startMs), new Date(atMs), inbox.calendar, inbox.timeZone);
      await client.query(
        `INSERT INTO reporting_events (name, value, account_id, inbox_id, user_id, conversation_id, created_at, updated_at, value_in_business_hours, event_start_time, event_end_time)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $7)`,
        [name, value, accountId, conv.inbox_id, userId, conv.id, now, business, ts(startMs)],
      );
      events++;
    };
    const candidates = async (where: string): Promise<ConversationState[]> =>
      (await client.query(`${CONVERSATION_STATE} WHERE account_id = $1 AND ${where} ORDER BY id`, [accountId])).rows.map(toState).filter((c) => !touched.has(c.id));
    const take = (list: ConversationState[], count: number): ConversationState[] => {
      const chosen: ConversationState[] = [];
      const pool = [...list];
      while (chosen.length < count && pool.length) {
        const [c] = pool.splice(Math.floor(picks.unit() * pool.length), 1);
        chosen.push(c);
        touched.add(c.id);
      }
      return chosen;
    };
    const memberOf = (inboxId: number) => {
      const members = inboxes.get(inboxId)?.members ?? [];
      return members.length ? picks.pick(members) : null;
    };

    for (let k = 0; k < options.newConversations; k++) {
      const inbox = picks.pick([...inboxes.values()]);
      const contacts = (await client.query(
        `SELECT ci.id, ci.contact_id FROM contact_inboxes ci JOIN contacts c ON c.id = ci.contact_id WHERE ci.inbox_id = $1 AND NOT c.blocked ORDER BY ci.id`, [inbox.id],
      )).rows;
      if (!contacts.length) continue;
      const contact = picks.pick(contacts);
      const assignee = inbox.botId === null && picks.chance(0.9) ? memberOf(inbox.id) : null;
      const { rows } = await client.query(
        `INSERT INTO conversations (account_id, inbox_id, status, assignee_id, created_at, updated_at, contact_id, contact_inbox_id, last_activity_at, waiting_since, contact_last_seen_at)
         VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $5, $5, $5) RETURNING id`,
        [accountId, inbox.id, inbox.botId === null ? 0 : 2, assignee, now, contact.contact_id, contact.id],
      );
      const id = Number(rows[0].id);
      touched.add(id);
      await message(id, inbox.id, 0, 'Olá, preciso de ajuda com o meu pedido.', 'Contact', Number(contact.contact_id));
      if (inbox.botId !== null) {
        await message(id, inbox.id, 1, 'Olá! Sou o assistente virtual. Sobre o que você quer falar?', 'AgentBot', inbox.botId);
        await client.query('UPDATE conversations SET waiting_since = NULL WHERE id = $1', [id]);
      }
    }

    for (const conv of take(await candidates('status = 0 AND waiting_since IS NOT NULL'), options.replies)) {
      const sender = conv.assignee_id ?? memberOf(conv.inbox_id);
      await message(conv.id, conv.inbox_id, 1, content.pick(['Olá! Vou verificar para você.', 'Pronto, já resolvi por aqui.', 'Pode me enviar mais detalhes?']), 'User', sender);
      if (conv.first_reply_ms === null) {
        await event('first_response', conv, await lastNonHumanActivity(client, conv), sender);
        await client.query('UPDATE conversations SET first_reply_created_at = $2, waiting_since = NULL, last_activity_at = $2, agent_last_seen_at = $2, updated_at = $2 WHERE id = $1', [conv.id, now]);
      } else {
        await event('reply_time', conv, conv.waiting_ms ?? conv.created_ms, conv.assignee_id);
        await client.query('UPDATE conversations SET waiting_since = NULL, last_activity_at = $2, agent_last_seen_at = $2, updated_at = $2 WHERE id = $1', [conv.id, now]);
      }
    }
    for (const conv of take(await candidates('status = 0 AND waiting_since IS NULL'), options.replies)) {
      await message(conv.id, conv.inbox_id, 0, content.pick(['Obrigado, mas ainda tenho uma dúvida.', 'Alguma novidade?', 'Consegue confirmar o valor?']), 'Contact', conv.contact_id);
      await client.query('UPDATE conversations SET waiting_since = $2, last_activity_at = $2, contact_last_seen_at = $2, updated_at = $2 WHERE id = $1', [conv.id, now]);
    }

    for (const conv of take(await candidates('status = 0'), options.resolutions)) {
      const inbox = inboxes.get(conv.inbox_id);
      const name = conv.assignee_id === null ? 'Sistema' : (await client.query('SELECT name FROM users WHERE id = $1', [conv.assignee_id])).rows[0]?.name ?? 'Agente';
      await message(conv.id, conv.inbox_id, 2, `Conversa foi marcada como resolvida por ${name}`, null, null);
      await client.query('UPDATE conversations SET status = 1, waiting_since = NULL, updated_at = $2 WHERE id = $1', [conv.id, now]);
      await event('conversation_resolved', conv, conv.created_ms, conv.assignee_id);
      if (inbox?.botId != null) {
        const human = await client.query(`SELECT 1 FROM messages WHERE conversation_id = $1 AND message_type = 1 AND sender_type = 'User' LIMIT 1`, [conv.id]);
        if (!human.rowCount) await event('conversation_bot_resolved', conv, conv.created_ms, conv.assignee_id);
      }
      if (inbox?.csat) {
        const surveyed = await client.query('SELECT 1 FROM messages WHERE conversation_id = $1 AND content_type = 9 LIMIT 1', [conv.id]);
        if (!surveyed.rowCount) await message(conv.id, conv.inbox_id, 3, 'Por favor, avalie esta conversa', null, null, 9);
      }
    }

    const botInboxes = [...inboxes.values()].filter((i) => i.botId !== null).map((i) => i.id);
    for (const conv of take(await candidates(`status = 1 AND NOT (inbox_id = ANY ('{${botInboxes.join(',')}}'::int[])) AND contact_id NOT IN (SELECT id FROM contacts WHERE blocked)`), options.reopenings)) {
      await message(conv.id, conv.inbox_id, 0, 'Oi, o problema voltou a acontecer.', 'Contact', conv.contact_id);
      await message(conv.id, conv.inbox_id, 2, 'O sistema reabriu a conversa devido a uma nova mensagem recebida', null, null);
      await client.query('UPDATE conversations SET status = 0, waiting_since = $2, last_activity_at = $2, contact_last_seen_at = $2, updated_at = $2 WHERE id = $1', [conv.id, now]);
      const resolved = await client.query(
        `SELECT extract(epoch FROM max(event_end_time)) * 1000 AS ms FROM reporting_events WHERE conversation_id = $1 AND name = 'conversation_resolved'`, [conv.id],
      );
      const lastResolved = resolved.rows[0].ms === null ? null : Number(resolved.rows[0].ms);
      if (lastResolved === null) await event('conversation_opened', conv, conv.created_ms, conv.assignee_id, true);
      else await event('conversation_opened', conv, lastResolved, conv.assignee_id);
    }

    // Every message also bumps the conversation, as the app's callbacks do.
    await client.query('UPDATE conversations SET updated_at = $2 WHERE id = ANY ($1::int[])', [[...touched], now]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
  return { conversationIds: [...touched].sort((a, b) => a - b), messages, events };
}

async function loadInboxes(client: Client, accountId: number): Promise<Map<number, InboxInfo>> {
  const inboxes = new Map<number, InboxInfo>();
  const { rows } = await client.query(
    `SELECT i.id, i.timezone, i.working_hours_enabled, i.csat_survey_enabled,
       (SELECT min(b.agent_bot_id) FROM agent_bot_inboxes b WHERE b.inbox_id = i.id AND b.status = 0) AS bot_id,
       coalesce((SELECT array_agg(m.user_id ORDER BY m.user_id) FROM inbox_members m WHERE m.inbox_id = i.id), '{}') AS members
     FROM inboxes i WHERE i.account_id = $1 ORDER BY i.id`,
    [accountId],
  );
  for (const r of rows) {
    inboxes.set(Number(r.id), {
      id: Number(r.id), timeZone: r.timezone ?? 'UTC', calendar: [], csat: Boolean(r.csat_survey_enabled),
      botId: r.bot_id === null ? null : Number(r.bot_id), members: (r.members as number[]).map(Number),
    });
    if (r.working_hours_enabled) {
      const hours = await client.query<WorkingDay>(
        'SELECT day_of_week, closed_all_day, open_all_day, open_hour, open_minutes, close_hour, close_minutes FROM working_hours WHERE inbox_id = $1', [r.id],
      );
      inboxes.get(Number(r.id))!.calendar = hours.rows;
    }
  }
  return inboxes;
}

/** Chatwoot's last_non_human_activity: the latest handoff/reopen, else the last bot resolution, else creation. */
async function lastNonHumanActivity(client: Client, conv: ConversationState): Promise<number> {
  const { rows } = await client.query(
    `SELECT extract(epoch FROM max(event_end_time) FILTER (WHERE name IN ('conversation_bot_handoff', 'conversation_opened'))) * 1000 AS human,
            extract(epoch FROM max(event_end_time) FILTER (WHERE name = 'conversation_bot_resolved')) * 1000 AS bot
     FROM reporting_events WHERE conversation_id = $1`,
    [conv.id],
  );
  const v = rows[0].human ?? rows[0].bot;
  return v === null ? conv.created_ms : Number(v);
}
