import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Last line of defence: a friendly screen instead of a blank window or a stack trace. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Nexus Desktop: unexpected screen error', error, info.componentStack);
    document.documentElement.dataset.appState = 'ready';
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="fatal" role="alert" data-testid="error-boundary">
        <div className="fatal-card">
          <h1>Algo deu errado nesta tela</h1>
          <p>Seus dados estão seguros no espelho local. Recarregue o aplicativo para continuar; se o problema voltar, envie o arquivo de log ao suporte.</p>
          <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
            Recarregar
          </button>
        </div>
      </div>
    );
  }
}
