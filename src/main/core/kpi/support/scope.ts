import type { SupportScope } from '../../../../shared/support';

/**
 * How a report scope narrows each counted table, as Chatwoot's report builders do (reference §4):
 * - inbox: rows with that inbox_id;
 * - agent: conversations assigned to the agent now, messages the agent SENT (so "incoming" is ~0),
 *   reporting events whose user_id is the agent, CSAT answers assigned to the agent;
 * - team / label: conversations with that team / carrying that label now, and their messages,
 *   events and CSAT answers.
 * Each fragment starts with " AND " and comes with its parameters.
 */
export interface ScopeSql {
  conversations: [string, unknown[]];
  messages: [string, unknown[]];
  events: [string, unknown[]];
  csat: [string, unknown[]];
  /** On the analytics rows (cw_conversation_facts f). */
  facts: [string, unknown[]];
}

const TEAM_CONVERSATIONS = 'SELECT id FROM cw_conversations WHERE team_id = ?';
const LABEL_CONVERSATIONS = 'SELECT conversation_id FROM cw_conversation_labels WHERE label = ?';

export function scopeSql(scope: SupportScope): ScopeSql {
  switch (scope.kind) {
    case 'account':
      return { conversations: ['', []], messages: ['', []], events: ['', []], csat: ['', []], facts: ['', []] };
    case 'inbox':
      return {
        conversations: [' AND c.inbox_id = ?', [scope.id]],
        messages: [' AND m.inbox_id = ?', [scope.id]],
        events: [' AND e.inbox_id = ?', [scope.id]],
        csat: [' AND r.conversation_id IN (SELECT id FROM cw_conversations WHERE inbox_id = ?)', [scope.id]],
        facts: [' AND f.inbox_id = ?', [scope.id]],
      };
    case 'agent':
      return {
        conversations: [' AND c.assignee_id = ?', [scope.id]],
        messages: [" AND m.sender_type = 'User' AND m.sender_id = ?", [scope.id]],
        events: [' AND e.user_id = ?', [scope.id]],
        csat: [' AND r.assigned_agent_id = ?', [scope.id]],
        facts: [' AND f.assignee_id = ?', [scope.id]],
      };
    case 'team':
      return {
        conversations: [' AND c.team_id = ?', [scope.id]],
        messages: [` AND m.conversation_id IN (${TEAM_CONVERSATIONS})`, [scope.id]],
        events: [` AND e.conversation_id IN (${TEAM_CONVERSATIONS})`, [scope.id]],
        csat: [` AND r.conversation_id IN (${TEAM_CONVERSATIONS})`, [scope.id]],
        facts: [' AND f.team_id = ?', [scope.id]],
      };
    case 'label':
      return {
        conversations: [` AND c.id IN (${LABEL_CONVERSATIONS})`, [scope.label]],
        messages: [` AND m.conversation_id IN (${LABEL_CONVERSATIONS})`, [scope.label]],
        events: [` AND e.conversation_id IN (${LABEL_CONVERSATIONS})`, [scope.label]],
        csat: [` AND r.conversation_id IN (${LABEL_CONVERSATIONS})`, [scope.label]],
        facts: [` AND f.conversation_id IN (${LABEL_CONVERSATIONS})`, [scope.label]],
      };
  }
}
