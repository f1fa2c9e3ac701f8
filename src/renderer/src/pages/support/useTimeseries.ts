import type { SupportGroupBy } from '../../../../shared/support';
import { useReadiness } from '../../app/readiness';
import { useQuery } from '../../app/useQuery';
import { call } from '../../ipc';
import { metricsQuery, type SupportFilter } from './supportView';

/** support.timeseries for the page's filter and a grouping. */
export function useTimeseries(filter: SupportFilter, groupBy: SupportGroupBy) {
  const query = metricsQuery(filter);
  const result = useQuery(JSON.stringify([query, groupBy, filter.version]), () => call('support.timeseries', { ...query, groupBy }));
  useReadiness(result.loading);
  return result;
}
