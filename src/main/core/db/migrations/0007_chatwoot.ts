import { sql } from '../sql';

/**
 * Chatwoot mirror: the account's rows as Chatwoot stores them (reference chatwoot.md §1), plus the
 * per-conversation analytics row derived from them (`cw_conversation_facts`).
 *
 * Conventions, so the KPI SQL never has to convert anything:
 * - instants are INTEGER epoch milliseconds (`*_at`, floored from Chatwoot's microseconds: flooring
 *   keeps every comparison with a whole-second range boundary exactly as PostgreSQL makes it);
 * - `day` / `hour` / `weekday` are the instant's local day (YYYY-MM-DD), hour (0–23) and weekday
 *   (0 = Sunday) in the company's time zone, so day/week/month buckets and the heat map are SQL;
 * - enums keep Chatwoot's integers (status 0 open, 1 resolved, 2 pending, 3 snoozed …);
 * - ranges are local days: every counted table carries `day`, and the KPI SQL filters on it;
 * - `cw_dirty` lists conversations whose analytics row must be recomputed: written in the same
 *   transaction as the page that touched them, emptied by the derivation, so a kill never leaves a
 *   stale row behind.
 */
export default {
  version: 7,
  name: 'chatwoot',
  sql: sql`
    CREATE TABLE cw_inboxes (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      channel_type TEXT,
      timezone TEXT,
      working_hours_enabled INTEGER NOT NULL,
      csat_survey_enabled INTEGER NOT NULL,
      bot_active INTEGER NOT NULL,
      working_hours TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      version TEXT NOT NULL,
      seen_scan INTEGER
    );

    CREATE TABLE cw_agents (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      display_name TEXT,
      email TEXT,
      role INTEGER,
      availability INTEGER,
      active_at INTEGER,
      updated_at INTEGER NOT NULL,
      version TEXT NOT NULL,
      seen_scan INTEGER
    );

    CREATE TABLE cw_teams (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      description TEXT,
      updated_at INTEGER NOT NULL,
      version TEXT NOT NULL,
      seen_scan INTEGER
    );

    CREATE TABLE cw_labels (
      id INTEGER PRIMARY KEY,
      title TEXT NOT NULL,
      color TEXT,
      description TEXT,
      updated_at INTEGER NOT NULL,
      version TEXT NOT NULL,
      seen_scan INTEGER
    );

    CREATE TABLE cw_contacts (
      id INTEGER PRIMARY KEY,
      name TEXT,
      email TEXT,
      phone_number TEXT,
      contact_type INTEGER,
      blocked INTEGER NOT NULL,
      city TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      seen_scan INTEGER
    );

    CREATE TABLE cw_conversations (
      id INTEGER PRIMARY KEY,
      display_id INTEGER NOT NULL,
      inbox_id INTEGER NOT NULL,
      status INTEGER NOT NULL,
      assignee_id INTEGER,
      team_id INTEGER,
      contact_id INTEGER,
      priority INTEGER,
      labels TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      last_activity_at INTEGER,
      first_reply_created_at INTEGER,
      waiting_since INTEGER,
      snoozed_until INTEGER,
      day TEXT NOT NULL,
      hour INTEGER NOT NULL,
      weekday INTEGER NOT NULL,
      seen_scan INTEGER
    );
    CREATE INDEX cw_conversations_day ON cw_conversations (day, inbox_id, assignee_id, team_id, status, priority, weekday, hour);
    CREATE INDEX cw_conversations_status ON cw_conversations (status, assignee_id, team_id, first_reply_created_at, waiting_since);

    -- Labels the conversation carries now (taggings → tags), as Chatwoot's label reports use them.
    CREATE TABLE cw_conversation_labels (
      conversation_id INTEGER NOT NULL,
      label TEXT NOT NULL,
      PRIMARY KEY (conversation_id, label)
    ) WITHOUT ROWID;
    CREATE INDEX cw_conversation_labels_label ON cw_conversation_labels (label, conversation_id);

    CREATE TABLE cw_messages (
      id INTEGER PRIMARY KEY,
      conversation_id INTEGER NOT NULL,
      inbox_id INTEGER NOT NULL,
      message_type INTEGER NOT NULL,
      content_type INTEGER NOT NULL,
      private INTEGER NOT NULL,
      sender_type TEXT,
      sender_id INTEGER,
      status INTEGER,
      content TEXT,
      content_attributes TEXT,
      human_reply INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      day TEXT NOT NULL,
      seen_scan INTEGER
    );
    CREATE INDEX cw_messages_day ON cw_messages (day, message_type, content_type, inbox_id);
    CREATE INDEX cw_messages_conversation ON cw_messages (conversation_id, day, message_type);

    CREATE TABLE cw_csat_responses (
      id INTEGER PRIMARY KEY,
      conversation_id INTEGER NOT NULL,
      message_id INTEGER NOT NULL,
      rating INTEGER NOT NULL,
      feedback_message TEXT,
      contact_id INTEGER,
      assigned_agent_id INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      day TEXT NOT NULL,
      seen_scan INTEGER
    );
    CREATE INDEX cw_csat_day ON cw_csat_responses (day, rating);
    CREATE INDEX cw_csat_conversation ON cw_csat_responses (conversation_id);

    CREATE TABLE cw_events (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      value REAL,
      value_in_business_hours REAL,
      inbox_id INTEGER,
      user_id INTEGER,
      conversation_id INTEGER,
      event_start_time INTEGER,
      event_end_time INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      day TEXT NOT NULL,
      seen_scan INTEGER
    );
    CREATE INDEX cw_events_day ON cw_events (name, day, value, value_in_business_hours, user_id, inbox_id, conversation_id, created_at);
    CREATE INDEX cw_events_conversation ON cw_events (conversation_id, name);

    -- The per-conversation analytics row (src/main/core/sources/chatwoot/facts.ts, docs/KPIS.md).
    CREATE TABLE cw_conversation_facts (
      conversation_id INTEGER PRIMARY KEY,
      display_id INTEGER,
      inbox_id INTEGER,
      inbox_name TEXT,
      channel_type TEXT,
      channel TEXT,
      bot_inbox INTEGER,
      team_id INTEGER,
      team_name TEXT,
      assignee_id INTEGER,
      assignee_name TEXT,
      contact_id INTEGER,
      contact_name TEXT,
      contact_email TEXT,
      contact_phone TEXT,
      contact_type TEXT,
      contact_city TEXT,
      status INTEGER,
      status_label TEXT,
      priority INTEGER,
      priority_label TEXT,
      labels TEXT,
      label_count INTEGER,
      first_label TEXT,
      created_at INTEGER,
      updated_at INTEGER,
      last_activity_at INTEGER,
      first_reply_created_at INTEGER,
      waiting_since INTEGER,
      snoozed_until INTEGER,
      waiting_now INTEGER,
      unattended_now INTEGER,
      created_day TEXT,
      created_week TEXT,
      created_month TEXT,
      created_quarter TEXT,
      created_year INTEGER,
      created_hour INTEGER,
      created_weekday INTEGER,
      created_weekday_label TEXT,
      period_of_day TEXT,
      is_weekend INTEGER,
      created_in_business_hours INTEGER,
      messages_count INTEGER,
      incoming_count INTEGER,
      outgoing_count INTEGER,
      public_outgoing_count INTEGER,
      private_notes_count INTEGER,
      activity_count INTEGER,
      template_count INTEGER,
      human_messages_count INTEGER,
      human_replies_count INTEGER,
      bot_messages_count INTEGER,
      contact_messages_count INTEGER,
      csat_messages_count INTEGER,
      agents_involved INTEGER,
      incoming_chars INTEGER,
      outgoing_chars INTEGER,
      avg_incoming_chars REAL,
      first_message_at INTEGER,
      last_message_at INTEGER,
      duration_seconds REAL,
      first_incoming_at INTEGER,
      last_incoming_at INTEGER,
      first_bot_reply_at INTEGER,
      first_human_reply_at INTEGER,
      last_human_reply_at INTEGER,
      first_incoming_preview TEXT,
      last_message_preview TEXT,
      first_response_seconds REAL,
      first_response_bh_seconds REAL,
      first_response_agent_id INTEGER,
      first_response_day TEXT,
      first_response_bucket TEXT,
      first_bot_response_seconds REAL,
      reply_time_count INTEGER,
      reply_time_avg_seconds REAL,
      reply_time_max_seconds REAL,
      reply_time_bh_avg_seconds REAL,
      resolutions_count INTEGER,
      first_resolved_at INTEGER,
      last_resolved_at INTEGER,
      first_resolution_seconds REAL,
      last_resolution_seconds REAL,
      last_resolution_bh_seconds REAL,
      resolution_bucket TEXT,
      resolved_day TEXT,
      resolved_hour INTEGER,
      reopen_count INTEGER,
      reopened INTEGER,
      handoff INTEGER,
      handoff_at INTEGER,
      time_to_handoff_seconds REAL,
      handoff_to_human_seconds REAL,
      bot_messages_before_handoff INTEGER,
      bot_resolved INTEGER,
      bot_only INTEGER,
      human_intervention INTEGER,
      resolved_without_human INTEGER,
      service_level TEXT,
      csat_sent INTEGER,
      csat_rating INTEGER,
      csat_feedback TEXT,
      csat_category TEXT,
      csat_at INTEGER,
      csat_agent_id INTEGER,
      csat_positive INTEGER,
      fr_sum REAL,
      fr_n INTEGER,
      fr_bh_sum REAL,
      fr_bh_n INTEGER,
      res_sum REAL,
      res_n INTEGER,
      res_bh_sum REAL,
      res_bh_n INTEGER,
      reply_sum REAL,
      reply_n INTEGER,
      reply_bh_sum REAL,
      reply_bh_n INTEGER,
      derived_at INTEGER
    );
    CREATE INDEX cw_facts_day ON cw_conversation_facts (created_day);
    -- The AI-agent view reads only these.
    CREATE INDEX cw_facts_day_ai ON cw_conversation_facts (
      created_day, inbox_id, assignee_id, team_id, bot_inbox, bot_resolved, human_intervention, handoff, reopened, csat_rating,
      incoming_count, outgoing_count, time_to_handoff_seconds, handoff_to_human_seconds, first_bot_response_seconds, first_response_seconds
    );
    -- The label table's averages read only these (the events of conversations created in the range).
    CREATE INDEX cw_facts_day_sums ON cw_conversation_facts (
      created_day, fr_sum, fr_n, fr_bh_sum, fr_bh_n, res_sum, res_n, res_bh_sum, res_bh_n, reply_sum, reply_n, reply_bh_sum, reply_bh_n
    );

    CREATE TABLE cw_dirty (conversation_id INTEGER PRIMARY KEY) WITHOUT ROWID;

    -- Daily roll-ups the dashboard reads instead of scanning every message and event (rebuilt for
    -- the days a sync touched, listed in cw_dirty_days, in the sync's final transaction). The event
    -- roll-up carries the conversation's team NOW, as Chatwoot's team reports do.
    CREATE TABLE cw_event_days (
      day TEXT NOT NULL,
      name TEXT NOT NULL,
      inbox_id INTEGER,
      user_id INTEGER,
      team_id INTEGER,
      n INTEGER NOT NULL,
      value_n INTEGER NOT NULL,
      value_sum REAL NOT NULL,
      bh_n INTEGER NOT NULL,
      bh_sum REAL NOT NULL
    );
    CREATE INDEX cw_event_days_day ON cw_event_days (day, name);
    CREATE TABLE cw_message_days (
      day TEXT NOT NULL,
      inbox_id INTEGER,
      message_type INTEGER NOT NULL,
      csat INTEGER NOT NULL,
      n INTEGER NOT NULL
    );
    CREATE INDEX cw_message_days_day ON cw_message_days (day);
    -- Label table (Chatwoot's label builder): taggings and event sums by the conversation's CREATED
    -- day, resolutions by the event's day; labels are the ones conversations carry now.
    CREATE TABLE cw_label_days (
      day TEXT NOT NULL,
      label TEXT NOT NULL,
      conversations INTEGER NOT NULL,
      resolved INTEGER NOT NULL,
      fr_sum REAL NOT NULL,
      fr_n INTEGER NOT NULL,
      fr_bh_sum REAL NOT NULL,
      fr_bh_n INTEGER NOT NULL,
      res_sum REAL NOT NULL,
      res_n INTEGER NOT NULL,
      res_bh_sum REAL NOT NULL,
      res_bh_n INTEGER NOT NULL,
      reply_sum REAL NOT NULL,
      reply_n INTEGER NOT NULL,
      reply_bh_sum REAL NOT NULL,
      reply_bh_n INTEGER NOT NULL
    );
    CREATE INDEX cw_label_days_day ON cw_label_days (day);
    CREATE TABLE cw_dirty_days (day TEXT PRIMARY KEY) WITHOUT ROWID;
    -- What the mirror holds, counted once per sync (the dashboard's header and empty states).
    CREATE TABLE cw_totals (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      conversations INTEGER NOT NULL,
      messages INTEGER NOT NULL,
      first_day TEXT,
      last_day TEXT
    );
  `,
};
