import { app, BrowserWindow, ipcMain, powerMonitor, shell } from 'electron';
import { createHandlers } from './core/api';
import { NexusCore } from './core/nexusCore';
import { log } from './core/log/logger';
import { KeychainVault } from './core/secrets/vault';
import { Scheduler } from './core/schedule/scheduler';
import { forwardEvents, registerIpc } from './shell/ipc';
import { notifyRobotRuns, notifyScheduledFailures } from './shell/notifications';
import { createMainWindow } from './shell/window';

// The Electron entry: a thin shell. Everything that does work is in ./core.
// Native controls (date pickers, spell-check, context menus) speak the user's language: pt-BR.
app.commandLine.appendSwitch('lang', 'pt-BR');
const single = app.requestSingleInstanceLock();
if (!single) app.quit();

let window: BrowserWindow | null = null;

// Work runs in this process: a stray rejection is logged, never allowed to take the window down.
process.on('unhandledRejection', (err) => log.error('unhandled rejection', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) }));

app.whenReady().then(() => {
  const core = new NexusCore({ dataDir: process.env.NEXUS_DATA_DIR ?? app.getPath('userData'), vault: new KeychainVault() });
  const handlers = createHandlers(core, { version: app.getVersion(), mode: 'electron', openPath: (path) => shell.openPath(path) });
  const rendererUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
  registerIpc(ipcMain, handlers, (sender) => window !== null && sender === window.webContents);
  forwardEvents(core, () => window?.webContents ?? null);
  notifyRobotRuns(core);
  // Schedules run while the app is open; a sleep or a closed app is caught up once on wake/start.
  const scheduler = new Scheduler(core, { companies: () => core.companies.slugs() });
  notifyScheduledFailures(core, scheduler);
  scheduler.start();
  powerMonitor.on('resume', () => scheduler.wake());
  window = createMainWindow(rendererUrl);
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('before-quit', () => {
    void scheduler.stop();
    core.close();
  });
});

app.on('window-all-closed', () => app.quit());
