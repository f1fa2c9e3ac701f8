import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { markLoading } from './app/readiness';
import { watchLinkNavigation } from './app/routing';
import { ErrorBoundary } from './components/ErrorBoundary';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/pages.css';

markLoading();
watchLinkNavigation();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
    </StrictMode>,
  );
}
