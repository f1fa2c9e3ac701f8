import { useEffect, useRef, useState } from 'react';
import { DEFAULT_PERIOD, type Period } from './app/period';
import { useReadiness } from './app/readiness';
import { parseRoute, routeKey, useHash, type Route } from './app/routing';
import { SessionProvider, useSession } from './app/session';
import { ImportSessionProvider } from './app/importSession';
import { RobotJobsProvider, useRobotJobs } from './app/robotJobs';
import { SyncJobProvider, useSyncJob } from './app/syncJob';
import { HealthBanner } from './components/HealthBanner';
import { Sidebar } from './components/Sidebar';
import { PageSkeleton } from './components/Skeleton';
import { TopBar } from './components/TopBar';
import { BoletosPage } from './pages/boletos/BoletosPage';
import { CustomerDetailPage } from './pages/customers/CustomerDetailPage';
import { CustomersPage } from './pages/customers/CustomersPage';
import { DashboardPage } from './pages/dashboard/DashboardPage';
import { RealEstatePage } from './pages/realestate/RealEstatePage';
import { SupportPage } from './pages/support/SupportPage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { SyncPage } from './pages/sync/SyncPage';
import { WelcomePage } from './pages/welcome/WelcomePage';

export function App() {
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  );
}

function Shell() {
  const { companies, company } = useSession();
  const route = parseRoute(useHash());
  const [period, setPeriod] = useState<Period>(DEFAULT_PERIOD);
  useReadiness(companies === undefined);

  let content;
  if (companies === undefined) {
    content = (
      <main id="main" className="main">
        <PageSkeleton />
      </main>
    );
  } else if (!company) {
    content = (
      <main id="main" className="main main-welcome">
        <WelcomePage />
      </main>
    );
  } else {
    content = (
      <SyncJobProvider key={company.slug} company={company.slug}>
        <RobotJobsProvider company={company.slug}>
          <ImportSessionProvider company={company.slug}>
            <Workspace route={route} period={period} onPeriodChange={setPeriod} company={company.slug} />
          </ImportSessionProvider>
        </RobotJobsProvider>
      </SyncJobProvider>
    );
  }

  return (
    <div className="app">
      <a href="#main" className="skip-link" onClick={(e) => {
        e.preventDefault();
        document.getElementById('main')?.focus();
      }}>
        Pular para o conteúdo
      </a>
      <TopBar />
      {company ? <HealthBanner /> : null}
      {content}
    </div>
  );
}

function Workspace({ route, period, onPeriodChange, company }: { route: Route; period: Period; onPeriodChange(p: Period): void; company: string }) {
  const job = useSyncJob();
  const robots = useRobotJobs();
  const main = useRef<HTMLElement>(null);
  const firstView = useRef(true);
  const screen = routeKey(route);

  // After navigating, move focus to the new page's heading so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (firstView.current) {
      firstView.current = false;
      return;
    }
    const heading = main.current?.querySelector<HTMLElement>('h1');
    (heading ?? main.current)?.focus({ preventScroll: false });
    main.current?.scrollTo?.({ top: 0 });
  }, [screen]);

  return (
    <div className="workspace">
      <Sidebar route={route} syncing={Boolean(job.active)} robotRunning={Object.keys(robots.active).length > 0} />
      <main id="main" className="main" ref={main} tabIndex={-1}>
        <View key={`${company}/${screen}`} route={route} period={period} onPeriodChange={onPeriodChange} />
      </main>
    </div>
  );
}

function View({ route, period, onPeriodChange }: { route: Route; period: Period; onPeriodChange(p: Period): void }) {
  switch (route.page) {
    case 'dashboard':
      return <DashboardPage period={period} onPeriodChange={onPeriodChange} />;
    case 'realestate':
      return <RealEstatePage />;
    case 'support':
      return <SupportPage />;
    case 'customers':
      return <CustomersPage />;
    case 'customer':
      return <CustomerDetailPage customerId={route.customerId} />;
    case 'boletos':
      return <BoletosPage />;
    case 'sync':
      return <SyncPage />;
    case 'settings':
      return <SettingsPage />;
  }
}
