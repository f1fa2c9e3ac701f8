import { sql } from '../sql';

/**
 * Ploomes mirror. Mapped columns for the KPIs, the whole source record in `raw` so a new KPI or a
 * mapping fix never needs a re-download. `seen_scan` marks rows met by the latest full scan, so a
 * full re-sync can remove what the source no longer has. `*_day` columns are business dates in the
 * company's time zone.
 */
export default {
  version: 2,
  name: 'ploomes',
  sql: sql`
    CREATE TABLE ploomes_users (
      id INTEGER PRIMARY KEY,
      name TEXT,
      email TEXT,
      updated_at TEXT,
      seen_scan INTEGER,
      raw TEXT NOT NULL
    );

    CREATE TABLE ploomes_stages (
      id INTEGER PRIMARY KEY,
      name TEXT,
      pipeline_id INTEGER,
      ordination INTEGER,
      updated_at TEXT,
      seen_scan INTEGER,
      raw TEXT NOT NULL
    );

    CREATE TABLE ploomes_contacts (
      id INTEGER PRIMARY KEY,
      type_id INTEGER,
      name TEXT,
      legal_name TEXT,
      cnpj TEXT,
      cpf TEXT,
      email TEXT,
      company_id INTEGER,
      owner_id INTEGER,
      status_id INTEGER,
      city_id INTEGER,
      state_id INTEGER,
      created_at TEXT,
      updated_at TEXT,
      seen_scan INTEGER,
      raw TEXT NOT NULL
    );

    CREATE TABLE ploomes_deals (
      id INTEGER PRIMARY KEY,
      title TEXT,
      customer_id INTEGER,
      contact_id INTEGER,
      contact_name TEXT,
      person_id INTEGER,
      person_name TEXT,
      pipeline_id INTEGER,
      stage_id INTEGER,
      status_id INTEGER NOT NULL,
      loss_reason_id INTEGER,
      owner_id INTEGER,
      amount_cents INTEGER,
      currency_id INTEGER,
      start_at TEXT,
      finish_at TEXT,
      created_at TEXT,
      updated_at TEXT,
      start_day TEXT,
      finish_day TEXT,
      seen_scan INTEGER,
      raw TEXT NOT NULL
    );
    CREATE INDEX ploomes_deals_by_customer ON ploomes_deals (customer_id, status_id, finish_day, amount_cents);
    CREATE INDEX ploomes_deals_by_status_day ON ploomes_deals (status_id, finish_day, customer_id, amount_cents);

    -- CRM aggregates, rebuilt from ploomes_deals for the keys marked dirty by the triggers below.
    CREATE TABLE crm_customer_sales (
      customer_id INTEGER PRIMARY KEY,
      -- Copied from the contact (or the deals when the contact is unknown) so lists sort and search
      -- without a join; contact triggers below mark the customer dirty when these change.
      name TEXT NOT NULL,
      type_id INTEGER,
      document TEXT,
      search_text TEXT NOT NULL,
      total_deals INTEGER NOT NULL,
      won_deals INTEGER NOT NULL,
      lost_deals INTEGER NOT NULL,
      open_deals INTEGER NOT NULL,
      revenue_cents INTEGER NOT NULL,
      first_purchase_day TEXT,
      last_purchase_day TEXT
    );
    CREATE INDEX crm_customer_sales_by_revenue ON crm_customer_sales (revenue_cents DESC, customer_id);
    CREATE INDEX crm_customer_sales_by_name ON crm_customer_sales (name COLLATE NOCASE, customer_id);
    CREATE INDEX crm_customer_sales_by_last_purchase ON crm_customer_sales (last_purchase_day DESC, customer_id);
    CREATE INDEX crm_customer_sales_by_won ON crm_customer_sales (won_deals DESC, customer_id);

    -- Whole-mirror figures the dashboard shows on every open, kept current with the aggregates.
    CREATE TABLE crm_summary (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      deals INTEGER NOT NULL,
      open_deals INTEGER NOT NULL,
      open_cents INTEGER NOT NULL,
      contacts INTEGER NOT NULL
    );

    CREATE TABLE crm_daily (
      day TEXT PRIMARY KEY,
      deals_won INTEGER NOT NULL,
      revenue_cents INTEGER NOT NULL,
      deals_lost INTEGER NOT NULL
    ) WITHOUT ROWID;

    -- Keys whose aggregates must be recomputed. The triggers test for existence instead of using
    -- INSERT OR IGNORE: inside a trigger, the conflict clause of the outer UPSERT overrides theirs.
    CREATE TABLE crm_dirty (
      kind TEXT NOT NULL CHECK (kind IN ('customer', 'day', 'summary')),
      key TEXT NOT NULL,
      PRIMARY KEY (kind, key)
    ) WITHOUT ROWID;

    CREATE TRIGGER ploomes_deals_dirty_insert AFTER INSERT ON ploomes_deals BEGIN
      INSERT INTO crm_dirty (kind, key) SELECT 'customer', NEW.customer_id WHERE NEW.customer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM crm_dirty WHERE kind = 'customer' AND key = NEW.customer_id);
      INSERT INTO crm_dirty (kind, key) SELECT 'day', NEW.finish_day WHERE NEW.finish_day IS NOT NULL AND NOT EXISTS (SELECT 1 FROM crm_dirty WHERE kind = 'day' AND key = NEW.finish_day);
    END;

    CREATE TRIGGER ploomes_deals_dirty_update AFTER UPDATE ON ploomes_deals
    WHEN OLD.customer_id IS NOT NEW.customer_id OR OLD.status_id IS NOT NEW.status_id
      OR OLD.amount_cents IS NOT NEW.amount_cents OR OLD.finish_day IS NOT NEW.finish_day
    BEGIN
      INSERT INTO crm_dirty (kind, key) SELECT 'customer', OLD.customer_id WHERE OLD.customer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM crm_dirty WHERE kind = 'customer' AND key = OLD.customer_id);
      INSERT INTO crm_dirty (kind, key) SELECT 'customer', NEW.customer_id WHERE NEW.customer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM crm_dirty WHERE kind = 'customer' AND key = NEW.customer_id);
      INSERT INTO crm_dirty (kind, key) SELECT 'day', OLD.finish_day WHERE OLD.finish_day IS NOT NULL AND NOT EXISTS (SELECT 1 FROM crm_dirty WHERE kind = 'day' AND key = OLD.finish_day);
      INSERT INTO crm_dirty (kind, key) SELECT 'day', NEW.finish_day WHERE NEW.finish_day IS NOT NULL AND NOT EXISTS (SELECT 1 FROM crm_dirty WHERE kind = 'day' AND key = NEW.finish_day);
    END;

    CREATE TRIGGER ploomes_contacts_dirty_insert AFTER INSERT ON ploomes_contacts BEGIN
      INSERT INTO crm_dirty (kind, key) SELECT 'summary', 'contacts' WHERE NOT EXISTS (SELECT 1 FROM crm_dirty WHERE kind = 'summary');
      INSERT INTO crm_dirty (kind, key) SELECT 'customer', NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM crm_dirty WHERE kind = 'customer' AND key = NEW.id)
          AND EXISTS (SELECT 1 FROM crm_customer_sales WHERE customer_id = NEW.id);
    END;

    CREATE TRIGGER ploomes_contacts_dirty_update AFTER UPDATE ON ploomes_contacts
    WHEN OLD.name IS NOT NEW.name OR OLD.type_id IS NOT NEW.type_id OR OLD.cnpj IS NOT NEW.cnpj OR OLD.cpf IS NOT NEW.cpf
    BEGIN
      INSERT INTO crm_dirty (kind, key) SELECT 'customer', NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM crm_dirty WHERE kind = 'customer' AND key = NEW.id)
          AND EXISTS (SELECT 1 FROM crm_customer_sales WHERE customer_id = NEW.id);
    END;

    CREATE TRIGGER ploomes_contacts_dirty_delete AFTER DELETE ON ploomes_contacts BEGIN
      INSERT INTO crm_dirty (kind, key) SELECT 'summary', 'contacts' WHERE NOT EXISTS (SELECT 1 FROM crm_dirty WHERE kind = 'summary');
      INSERT INTO crm_dirty (kind, key) SELECT 'customer', OLD.id
        WHERE NOT EXISTS (SELECT 1 FROM crm_dirty WHERE kind = 'customer' AND key = OLD.id)
          AND EXISTS (SELECT 1 FROM crm_customer_sales WHERE customer_id = OLD.id);
    END;

    CREATE TRIGGER ploomes_deals_dirty_delete AFTER DELETE ON ploomes_deals BEGIN
      INSERT INTO crm_dirty (kind, key) SELECT 'customer', OLD.customer_id WHERE OLD.customer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM crm_dirty WHERE kind = 'customer' AND key = OLD.customer_id);
      INSERT INTO crm_dirty (kind, key) SELECT 'day', OLD.finish_day WHERE OLD.finish_day IS NOT NULL AND NOT EXISTS (SELECT 1 FROM crm_dirty WHERE kind = 'day' AND key = OLD.finish_day);
    END;
  `,
};