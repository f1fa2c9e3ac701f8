/** Ploomes API facts (../shared/reference/ploomes.md). */
export const PLOOMES_DEFAULT_URL = 'https://public-api2.ploomes.com';
/** Records per page: the API's ceiling. */
export const PLOOMES_PAGE_SIZE = 300;
/** Requests per minute per account. */
export const PLOOMES_REQUESTS_PER_MINUTE = 120;
/** The local simulator's key. Public on purpose: the demo needs no keychain. */
export const PLOOMES_SIM_PUBLIC_KEY = 'nexus-demo-ploomes-key';
/** Incremental windows start this long before the previous scan began, for clock skew and late commits. */
export const PLOOMES_OVERLAP_MS = 10 * 60 * 1000;

export const DEAL_STATUS = { open: 1, won: 2, lost: 3 } as const;
