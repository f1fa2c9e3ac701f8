import type { Db } from '../../db/database';

/**
 * Rebuilds the daily roll-ups (cw_event_days, cw_message_days) for the days listed in
 * cw_dirty_days, then empties the list; runs in the sync's final transaction, after the analytics
 * rows (a team change marks the days of that conversation's events). When most days are dirty
 * (a first sync) both tables are rebuilt whole in one pass instead of day by day.
 */
/** The event names Chatwoot 4.10 writes (reference §2); the reports read no other. */
const EVENT_NAMES = ['first_response', 'reply_time', 'conversation_resolved', 'conversation_bot_resolved', 'conversation_bot_handoff', 'conversation_opened']
  .map((n) => `'${n}'`)
  .join(', ');

export function rebuildRollups(db: Db): void {
  const dirty = db.prepare('SELECT count(*) FROM cw_dirty_days').pluck().get() as number;
  if (dirty) rebuildDays(db, dirty);
  db.exec(`INSERT OR REPLACE INTO cw_totals (id, conversations, messages, first_day, last_day)
    SELECT 1, count(*), (SELECT total(n) FROM cw_message_days), min(day), max(day) FROM cw_conversations`);
}

function rebuildDays(db: Db, dirty: number): void {
  const known = db.prepare('SELECT count(DISTINCT day) FROM cw_message_days').pluck().get() as number;
  const whole = dirty * 2 > known;
  const where = whole ? '' : 'WHERE day IN (SELECT day FROM cw_dirty_days)';
  db.exec(`DELETE FROM cw_event_days ${where}; DELETE FROM cw_message_days ${where}; DELETE FROM cw_label_days ${where};`);
  db.exec(`
    INSERT INTO cw_event_days (day, name, inbox_id, user_id, team_id, n, value_n, value_sum, bh_n, bh_sum)
    SELECT e.day, e.name, e.inbox_id, e.user_id, c.team_id, count(*), count(e.value), total(e.value), count(e.value_in_business_hours), total(e.value_in_business_hours)
    FROM cw_events e LEFT JOIN cw_conversations c ON c.id = e.conversation_id
    WHERE e.name IN (${EVENT_NAMES}) ${whole ? '' : 'AND e.day IN (SELECT day FROM cw_dirty_days)'}
    GROUP BY e.day, e.name, e.inbox_id, e.user_id, c.team_id;

    INSERT INTO cw_message_days (day, inbox_id, message_type, csat, n)
    SELECT m.day, m.inbox_id, m.message_type, m.content_type = 9, count(*)
    FROM cw_messages m ${whole ? '' : 'WHERE m.day IN (SELECT day FROM cw_dirty_days)'}
    GROUP BY m.day, m.inbox_id, m.message_type, m.content_type = 9;

    INSERT INTO cw_label_days
    SELECT f.created_day, l.label, count(*), 0, total(f.fr_sum), total(f.fr_n), total(f.fr_bh_sum), total(f.fr_bh_n), total(f.res_sum), total(f.res_n),
      total(f.res_bh_sum), total(f.res_bh_n), total(f.reply_sum), total(f.reply_n), total(f.reply_bh_sum), total(f.reply_bh_n)
    FROM cw_conversation_facts f JOIN cw_conversation_labels l ON l.conversation_id = f.conversation_id
    ${whole ? '' : 'WHERE f.created_day IN (SELECT day FROM cw_dirty_days)'}
    GROUP BY f.created_day, l.label;

    INSERT INTO cw_label_days
    SELECT e.day, l.label, 0, count(*), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    FROM cw_events e JOIN cw_conversation_labels l ON l.conversation_id = e.conversation_id
    WHERE e.name = 'conversation_resolved' ${whole ? '' : 'AND e.day IN (SELECT day FROM cw_dirty_days)'}
    GROUP BY e.day, l.label;

    DELETE FROM cw_dirty_days;
  `);
}
