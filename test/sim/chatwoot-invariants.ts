import type { Client } from 'pg';

/**
 * The reference §7 invariants as SQL: each query counts the rows breaking one rule, so a healthy
 * database answers 0 everywhere.
 */
export const INVARIANTS: Record<string, string> = {
  messageAccountOrInboxDiffers: `SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id
    WHERE m.account_id <> c.account_id OR m.inbox_id <> c.inbox_id`,
  messageWithoutConversation: `SELECT count(*) FROM messages m WHERE NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = m.conversation_id)`,
  contactInboxMismatch: `SELECT count(*) FROM conversations c LEFT JOIN contact_inboxes ci ON ci.id = c.contact_inbox_id
    WHERE ci.id IS NULL OR ci.contact_id <> c.contact_id OR ci.inbox_id <> c.inbox_id`,
  firstReplyNotFirstHumanMessage: `WITH f AS (SELECT conversation_id, min(created_at) AS t FROM messages
      WHERE message_type = 1 AND NOT private AND sender_type = 'User' GROUP BY conversation_id)
    SELECT count(*) FROM conversations c LEFT JOIN f ON f.conversation_id = c.id WHERE c.first_reply_created_at IS DISTINCT FROM f.t`,
  firstResponseEventCount: `SELECT count(*) FROM conversations c
    WHERE (SELECT count(*) FROM reporting_events e WHERE e.conversation_id = c.id AND e.name = 'first_response')
      <> CASE WHEN c.first_reply_created_at IS NULL THEN 0 ELSE 1 END`,
  firstResponseEventWrong: `SELECT count(*) FROM reporting_events e JOIN conversations c ON c.id = e.conversation_id
    WHERE e.name = 'first_response' AND (e.event_end_time <> c.first_reply_created_at OR NOT EXISTS (SELECT 1 FROM messages m
      WHERE m.conversation_id = c.id AND m.created_at = e.event_end_time AND m.sender_type = 'User' AND m.sender_id = e.user_id))`,
  waitingWhileResolved: `SELECT count(*) FROM conversations WHERE status = 1 AND waiting_since IS NOT NULL`,
  resolvedEventsVsResolutions: `SELECT count(*) FROM conversations c
    WHERE (SELECT count(*) FROM reporting_events e WHERE e.conversation_id = c.id AND e.name = 'conversation_resolved')
      <> (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND m.message_type = 2 AND m.content LIKE 'Conversa foi marcada como resolvida%')`,
  resolvedWithoutEvent: `SELECT count(*) FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
    WHERE c.status = 1 AND NOT ct.blocked AND NOT EXISTS (SELECT 1 FROM reporting_events e WHERE e.conversation_id = c.id AND e.name = 'conversation_resolved')`,
  resolvedEventWrong: `SELECT count(*) FROM reporting_events e JOIN conversations c ON c.id = e.conversation_id
    WHERE e.name IN ('conversation_resolved', 'conversation_bot_resolved') AND (e.user_id IS DISTINCT FROM c.assignee_id
      OR e.event_start_time <> c.created_at OR abs(e.value - extract(epoch FROM e.event_end_time - c.created_at)) > 0.001)`,
  replyTimeWrong: `SELECT count(*) FROM reporting_events e JOIN conversations c ON c.id = e.conversation_id
    WHERE e.name = 'reply_time' AND (e.user_id IS DISTINCT FROM c.assignee_id OR abs(e.value - extract(epoch FROM e.event_end_time - e.event_start_time)) > 0.001
      OR NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.message_type = 1 AND NOT m.private AND m.sender_type = 'User' AND m.created_at = e.event_end_time)
      OR NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.message_type = 0 AND m.created_at = e.event_start_time))`,
  eventWrittenOutsideJobDelay: `SELECT count(*) FROM reporting_events WHERE created_at < event_end_time OR created_at > event_end_time + interval '5 seconds'`,
  businessValueWithHoursOff: `SELECT count(*) FROM reporting_events e JOIN inboxes i ON i.id = e.inbox_id
    WHERE (NOT i.working_hours_enabled AND e.value_in_business_hours <> 0) OR e.value_in_business_hours > e.value + 0.001 OR e.value_in_business_hours < 0`,
  activityWithSender: `SELECT count(*) FROM messages WHERE message_type = 2 AND (sender_type IS NOT NULL OR sender_id IS NOT NULL)`,
  privateNoteShape: `SELECT count(*) FROM messages WHERE private AND (message_type <> 1 OR sender_type <> 'User')`,
  cachedLabelsDiffer: `SELECT count(*) FROM conversations c WHERE coalesce(c.cached_label_list, '') <> coalesce((SELECT string_agg(t.name, ', ' ORDER BY t.name)
    FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.taggable_type = 'Conversation' AND g.taggable_id = c.id AND g.context = 'labels'), '')`,
  csatWithoutSurvey: `SELECT count(*) FROM csat_survey_responses r LEFT JOIN messages m ON m.id = r.message_id
    WHERE m.id IS NULL OR m.content_type <> 9 OR m.message_type <> 3 OR m.conversation_id <> r.conversation_id OR m.sender_type IS NOT NULL
      OR (m.content_attributes -> 'submitted_values' -> 'csat_survey_response' ->> 'rating')::int IS DISTINCT FROM r.rating`,
  twoSurveysInAConversation: `SELECT count(*) FROM (SELECT conversation_id FROM messages WHERE content_type = 9 GROUP BY 1 HAVING count(*) > 1) s`,
  duplicateDisplayId: `SELECT count(*) - count(DISTINCT (account_id, display_id)) FROM conversations`,
  updatedBeforeLastChange: `SELECT count(*) FROM conversations c WHERE c.updated_at < (SELECT max(created_at) FROM messages m WHERE m.conversation_id = c.id)
    OR c.updated_at < (SELECT max(event_end_time) FROM reporting_events e WHERE e.conversation_id = c.id)`,
  snoozeShape: `SELECT count(*) FROM conversations WHERE (status = 3) <> (snoozed_until IS NOT NULL)`,
  handoffTwice: `SELECT count(*) FROM (SELECT conversation_id FROM reporting_events WHERE name = 'conversation_bot_handoff' GROUP BY 1 HAVING count(*) > 1) s`,
  botEventOutsideBotInbox: `SELECT count(*) FROM reporting_events e WHERE e.name IN ('conversation_bot_handoff', 'conversation_bot_resolved')
    AND NOT EXISTS (SELECT 1 FROM agent_bot_inboxes b WHERE b.inbox_id = e.inbox_id AND b.status = 0)`,
  reopenWithoutOpenedEvent: `SELECT count(*) FROM conversations c
    WHERE (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND m.content LIKE 'O sistema reabriu a conversa%')
      > (SELECT count(*) FROM reporting_events e WHERE e.conversation_id = c.id AND e.name = 'conversation_opened')`,
  tagCounterWrong: `SELECT count(*) FROM tags t WHERE t.taggings_count <> (SELECT count(*) FROM taggings g WHERE g.tag_id = t.id)`,
};

export async function invariantViolations(client: Client): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, sql] of Object.entries(INVARIANTS)) out[name] = Number(Object.values((await client.query(sql)).rows[0])[0]);
  return out;
}
