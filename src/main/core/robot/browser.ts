import { existsSync } from 'node:fs';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';
import { UserError } from '../errors';
import { log } from '../log/logger';

export interface BrowserChoice {
  /** auto | msedge | chrome | chromium */
  browser: string;
  executablePath: string;
  headless: boolean;
}

const LINUX_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * The launch attempts for a choice, in order. On Windows the installed Edge comes first (it is on
 * every Windows 10/11), then Chrome; elsewhere a system Chromium. No exotic flags: the portal shows
 * a captcha to browsers that look automated.
 */
export function launchPlans(choice: BrowserChoice, platform: NodeJS.Platform = process.platform): Array<{ label: string; options: LaunchOptions }> {
  const base: LaunchOptions = { headless: choice.headless, args: platform === 'linux' ? linuxArgs() : [] };
  if (choice.executablePath) return [{ label: choice.executablePath, options: { ...base, executablePath: choice.executablePath } }];
  const edge = { label: 'Microsoft Edge', options: { ...base, channel: 'msedge' } };
  const chrome = { label: 'Google Chrome', options: { ...base, channel: 'chrome' } };
  const system = LINUX_CHROMIUM.filter((p) => existsSync(p)).map((p) => ({ label: p, options: { ...base, executablePath: p } }));
  switch (choice.browser) {
    case 'msedge':
      return [edge];
    case 'chrome':
      return [chrome];
    case 'chromium':
      return system;
    default:
      return platform === 'win32' || platform === 'darwin' ? [edge, chrome, ...system] : [...system, chrome, edge];
  }
}

/** Linux needs --no-sandbox as root; the other three keep a closed network quiet, they change nothing the portal sees. */
function linuxArgs(): string[] {
  const args = ['--disable-background-networking', '--disable-component-update', '--disable-sync'];
  if (process.getuid?.() === 0) args.unshift('--no-sandbox');
  return args;
}

export async function launchBrowser(choice: BrowserChoice): Promise<Browser> {
  const plans = launchPlans(choice);
  const failures: string[] = [];
  for (const plan of plans) {
    try {
      const browser = await chromium.launch(plan.options);
      log.info('robot browser launched', { browser: plan.label, version: browser.version(), headless: choice.headless });
      return browser;
    } catch (err) {
      failures.push(`${plan.label}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  throw new UserError(
    `Nenhum navegador pôde ser aberto para o robô (${failures.join('; ') || 'nenhum encontrado'}): instale o Microsoft Edge ou o Google Chrome, ou informe o executável em Configurações > Canopus.`,
    'browser-unavailable',
  );
}

/**
 * One browser for every robot job of this process (each point of sale gets its own isolated
 * context), launched on first use and closed when the last user releases it.
 */
export class BrowserPool {
  private browser: Promise<Browser> | null = null;
  private key = '';
  private users = 0;

  async acquire(choice: BrowserChoice): Promise<Browser> {
    const key = JSON.stringify(choice);
    if (this.browser && key !== this.key && this.users === 0) await this.close();
    if (!this.browser) {
      this.key = key;
      this.browser = launchBrowser(choice);
      this.browser.catch(() => {
        this.browser = null;
      });
    }
    const browser = await this.browser;
    this.users++;
    return browser;
  }

  async release(): Promise<void> {
    this.users = Math.max(0, this.users - 1);
    if (this.users === 0) await this.close();
  }

  private async close(): Promise<void> {
    const pending = this.browser;
    this.browser = null;
    if (pending) await pending.then((b) => b.close()).catch(() => undefined);
  }
}
