import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { CompanyInfo } from '../../../shared/contract';
import type { SourceHealth } from '../../../shared/jobs';
import { call, useEvent } from '../ipc';
import { describeError } from './errors';

const STORAGE_KEY = 'nexus.company';

export interface Session {
  /** undefined while the first list loads. */
  companies: CompanyInfo[] | undefined;
  companiesError: string | null;
  company: CompanyInfo | null;
  selectCompany(slug: string): void;
  /** Creates a company and switches to it; throws AppError with the core's sentence. */
  createCompany(slug: string, name: string): Promise<CompanyInfo>;
  health: SourceHealth[];
  reloadHealth(): void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The current company, so every view is always about one company. */
export function useCompany(): CompanyInfo {
  const { company } = useSession();
  if (!company) throw new Error('useCompany without a company');
  return company;
}

function storedSlug(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function storeSlug(slug: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, slug);
  } catch {
    // Storage can be disabled; the choice then lasts for this session only.
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [companies, setCompanies] = useState<CompanyInfo[] | undefined>(undefined);
  const [companiesError, setCompaniesError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(storedSlug);
  const [health, setHealth] = useState<{ company: string; sources: SourceHealth[] } | null>(null);
  const [healthVersion, setHealthVersion] = useState(0);

  useEffect(() => {
    call('companies.list', {}).then(setCompanies, (err: unknown) => {
      setCompaniesError(describeError(err));
      setCompanies([]);
    });
  }, []);

  const company = useMemo(() => {
    if (!companies?.length) return null;
    return companies.find((c) => c.slug === selected) ?? companies[0];
  }, [companies, selected]);
  const slug = company?.slug ?? null;

  useEffect(() => {
    if (!slug) return;
    let live = true;
    call('health.get', { company: slug }).then(
      (sources) => {
        if (live) setHealth({ company: slug, sources });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [slug, healthVersion]);

  const reloadHealth = useCallback(() => setHealthVersion((v) => v + 1), []);
  useEvent('job.finished', (finished) => {
    if (finished.company === slug) reloadHealth();
  });

  const selectCompany = useCallback((next: string) => {
    storeSlug(next);
    setSelected(next);
  }, []);

  const createCompany = useCallback(
    async (newSlug: string, name: string) => {
      const created = await call('companies.add', { slug: newSlug, name });
      setCompanies((list) => [...(list ?? []).filter((c) => c.slug !== created.slug), created].sort((a, b) => a.name.localeCompare(b.name, 'pt-BR')));
      selectCompany(created.slug);
      return created;
    },
    [selectCompany],
  );

  const value: Session = {
    companies,
    companiesError,
    company,
    selectCompany,
    createCompany,
    health: health && health.company === slug ? health.sources : [],
    reloadHealth,
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
