import type { Db } from '../db/database';
import { sql } from '../db/sql';

const CUSTOMER_COLUMNS =
  'customer_id, name, type_id, document, search_text, total_deals, won_deals, lost_deals, open_deals, revenue_cents, first_purchase_day, last_purchase_day';

/** Per-customer totals for the deals matching `where`, with the contact's name and document. */
const customerSales = (where: string) => sql`
  SELECT ${CUSTOMER_COLUMNS.replace('search_text', "fold_text(name) || ' ' || COALESCE(document, '')")}
  FROM (
    SELECT customer_id,
           COALESCE((SELECT c.name FROM ploomes_contacts c WHERE c.id = customer_id), MAX(COALESCE(contact_name, person_name)), 'Cliente ' || customer_id) AS name,
           (SELECT c.type_id FROM ploomes_contacts c WHERE c.id = customer_id) AS type_id,
           (SELECT COALESCE(NULLIF(c.cnpj, ''), NULLIF(c.cpf, '')) FROM ploomes_contacts c WHERE c.id = customer_id) AS document,
           COUNT(*) AS total_deals,
           SUM(status_id = 2) AS won_deals,
           SUM(status_id = 3) AS lost_deals,
           SUM(status_id = 1) AS open_deals,
           COALESCE(SUM(CASE WHEN status_id = 2 THEN amount_cents END), 0) AS revenue_cents,
           MIN(CASE WHEN status_id = 2 THEN finish_day END) AS first_purchase_day,
           MAX(CASE WHEN status_id = 2 THEN finish_day END) AS last_purchase_day
    FROM ploomes_deals
    WHERE ${where}
    GROUP BY customer_id
  )
`;

const DAILY = sql`
  SELECT finish_day AS day,
         SUM(status_id = 2) AS deals_won,
         COALESCE(SUM(CASE WHEN status_id = 2 THEN amount_cents END), 0) AS revenue_cents,
         SUM(status_id = 3) AS deals_lost
  FROM ploomes_deals
`;

const SUMMARY = sql`
  INSERT OR REPLACE INTO crm_summary (id, deals, open_deals, open_cents, contacts)
  SELECT 1,
         (SELECT COUNT(*) FROM ploomes_deals),
         (SELECT COUNT(*) FROM ploomes_deals WHERE status_id = 1),
         (SELECT COALESCE(SUM(amount_cents), 0) FROM ploomes_deals WHERE status_id = 1),
         (SELECT COUNT(*) FROM ploomes_contacts)
`;

/** Above this share of dirty keys one full rebuild is cheaper than per-key recomputation. */
const FULL_REBUILD_SHARE = 0.2;

/**
 * Brings crm_customer_sales, crm_daily and crm_summary up to date for the keys the mirror's
 * triggers marked dirty.
 * Runs at the end of a sync and before KPI reads, so a sync killed before this point leaves the
 * dirty marks behind and the next reader finishes the job.
 */
export function refreshCrmAggregates(db: Db): { customers: number; days: number } {
  const dirty = db.prepare("SELECT kind, COUNT(*) AS n FROM crm_dirty GROUP BY kind").all() as Array<{ kind: string; n: number }>;
  const dirtyCustomers = dirty.find((d) => d.kind === 'customer')?.n ?? 0;
  const dirtyDays = dirty.find((d) => d.kind === 'day')?.n ?? 0;
  if (!dirty.length) return { customers: 0, days: 0 };

  const refresh = db.transaction(() => {
    if (dirtyCustomers) {
      const known = (db.prepare('SELECT COUNT(*) AS n FROM crm_customer_sales').get() as { n: number }).n;
      if (dirtyCustomers > known * FULL_REBUILD_SHARE) {
        db.exec('DELETE FROM crm_customer_sales');
        db.exec(`INSERT INTO crm_customer_sales (${CUSTOMER_COLUMNS}) ${customerSales('customer_id IS NOT NULL')}`);
      } else {
        const keys = "SELECT CAST(key AS INTEGER) FROM crm_dirty WHERE kind = 'customer'";
        db.exec(`DELETE FROM crm_customer_sales WHERE customer_id IN (${keys})`);
        db.exec(`INSERT INTO crm_customer_sales (${CUSTOMER_COLUMNS}) ${customerSales(`customer_id IN (${keys})`)}`);
      }
    }
    if (dirtyDays) {
      const known = (db.prepare('SELECT COUNT(*) AS n FROM crm_daily').get() as { n: number }).n;
      if (dirtyDays > known * FULL_REBUILD_SHARE) {
        db.exec('DELETE FROM crm_daily');
        db.exec(`INSERT INTO crm_daily (day, deals_won, revenue_cents, deals_lost) ${DAILY} WHERE finish_day IS NOT NULL AND status_id IN (2, 3) GROUP BY finish_day`);
      } else {
        const keys = "SELECT key FROM crm_dirty WHERE kind = 'day'";
        db.exec(`DELETE FROM crm_daily WHERE day IN (${keys})`);
        db.exec(`INSERT INTO crm_daily (day, deals_won, revenue_cents, deals_lost) ${DAILY} WHERE finish_day IN (${keys}) AND status_id IN (2, 3) GROUP BY finish_day`);
      }
      db.exec('DELETE FROM crm_daily WHERE deals_won = 0 AND deals_lost = 0');
    }
    db.exec(SUMMARY);
    db.exec('DELETE FROM crm_dirty');
  });
  refresh();
  return { customers: dirtyCustomers, days: dirtyDays };
}
