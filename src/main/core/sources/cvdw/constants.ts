/** CVDW API facts (../shared/reference/cvdw.md). */

/** Endpoints live under this path of the tenant's address (https://<sub>.cvcrm.com.br). */
export const CVDW_API_PATH = '/api/v1/cvdw';
/** Records per page: the API's ceiling (reference §4). */
export const CVDW_PAGE_SIZE = 500;
/** Requests per rolling minute per credential (reference §7). */
export const CVDW_REQUESTS_PER_MINUTE = 20;
/** Rows whose referencia_data is zero/null are only met by an unfiltered scan: one every this many days. */
export const CVDW_FULL_EVERY_DAYS = 7;
/** A 429 blocks the credential for a window; waiting it out is not a failure, but never forever. */
export const CVDW_MAX_RATE_LIMIT_WAITS = 10;
/**
 * The local simulator's credentials (same values as src/main/sim/cvdw's CVDW_SIM_EMAIL/TOKEN,
 * checked by a test). Public on purpose: the demo needs no keychain.
 */
export const CVDW_SIM_EMAIL = 'demo@exemplo.com.br';
export const CVDW_SIM_TOKEN = '0123456789abcdef0123456789abcdef01234567';
