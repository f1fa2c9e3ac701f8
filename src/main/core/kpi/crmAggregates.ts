import type { Db } from '../db/database';
import { sql } from '../db/sql';

const CUSTOMER_SALES = sql`
  SELECT customer_id,
         COUNT(*) AS total_deals,
         SUM(status_id = 2) AS won_deals,
         SUM(status_id = 3) AS lost_deals,
         SUM(status_id = 1) AS open_deals,
         COALESCE(SUM(CASE WHEN status_id = 2 THEN amount_cents END), 0) AS revenue_cents,
         MIN(CASE WHEN status_id = 2 THEN finish_day END) AS first_purchase_day,
         MAX(CASE WHEN status_id = 2 THEN finish_day END) AS last_purchase_day
  FROM ploomes_deals INDEXED BY ploomes_deals_by_customer
`;

const DAILY = sql`
  SELECT finish_day AS day,
         SUM(status_id = 2) AS deals_won,
         COALESCE(SUM(CASE WHEN status_id = 2 THEN amount_cents END), 0) AS revenue_cents,
         SUM(status_id = 3) AS deals_lost
  FROM ploomes_deals INDEXED BY ploomes_deals_by_finish
`;

/** Above this share of dirty keys one full rebuild is cheaper than per-key recomputation. */
const FULL_REBUILD_SHARE = 0.2;

/**
 * Brings crm_customer_sales and crm_daily up to date for the keys the deal triggers marked dirty.
 * Runs at the end of a sync and before KPI reads, so a sync killed before this point leaves the
 * dirty marks behind and the next reader finishes the job.
 */
export function refreshCrmAggregates(db: Db): { customers: number; days: number } {
  const dirty = db.prepare("SELECT kind, COUNT(*) AS n FROM crm_dirty GROUP BY kind").all() as Array<{ kind: string; n: number }>;
  const dirtyCustomers = dirty.find((d) => d.kind === 'customer')?.n ?? 0;
  const dirtyDays = dirty.find((d) => d.kind === 'day')?.n ?? 0;
  if (!dirtyCustomers && !dirtyDays) return { customers: 0, days: 0 };

  const refresh = db.transaction(() => {
    if (dirtyCustomers) {
      const known = (db.prepare('SELECT COUNT(*) AS n FROM crm_customer_sales').get() as { n: number }).n;
      if (dirtyCustomers > known * FULL_REBUILD_SHARE) {
        db.exec('DELETE FROM crm_customer_sales');
        db.exec(`INSERT INTO crm_customer_sales ${CUSTOMER_SALES} WHERE customer_id IS NOT NULL GROUP BY customer_id`);
      } else {
        const keys = "SELECT CAST(key AS INTEGER) FROM crm_dirty WHERE kind = 'customer'";
        db.exec(`DELETE FROM crm_customer_sales WHERE customer_id IN (${keys})`);
        db.exec(`INSERT INTO crm_customer_sales ${CUSTOMER_SALES} WHERE customer_id IN (${keys}) GROUP BY customer_id`);
      }
    }
    if (dirtyDays) {
      const known = (db.prepare('SELECT COUNT(*) AS n FROM crm_daily').get() as { n: number }).n;
      if (dirtyDays > known * FULL_REBUILD_SHARE) {
        db.exec('DELETE FROM crm_daily');
        db.exec(`INSERT INTO crm_daily ${DAILY} WHERE finish_day IS NOT NULL AND status_id IN (2, 3) GROUP BY finish_day`);
      } else {
        const keys = "SELECT key FROM crm_dirty WHERE kind = 'day'";
        db.exec(`DELETE FROM crm_daily WHERE day IN (${keys})`);
        db.exec(`INSERT INTO crm_daily ${DAILY} WHERE finish_day IN (${keys}) AND status_id IN (2, 3) GROUP BY finish_day`);
      }
      db.exec('DELETE FROM crm_daily WHERE deals_won = 0 AND deals_lost = 0');
    }
    db.exec('DELETE FROM crm_dirty');
  });
  refresh();
  return { customers: dirtyCustomers, days: dirtyDays };
}
