import { readFile } from 'node:fs/promises';
import type { BrowserContext, Download, Page, Route } from 'playwright-core';
import { PortalError } from './robotErrors';

const PRINT_PAGE = /frmConCmImpressao\.aspx/i;

/**
 * Captures the boleto PDF that "Emitir Cobrança" opens, the way the reference found reliable: a route
 * on the print page that fetches the response itself (inline PDFs reach the page only as the
 * viewer's HTML stub), with downloads (attachment mode) as a second path. The popup may start blank,
 * redirect, or close itself: the route does not care.
 */
export async function capturePdf(context: BrowserContext, page: Page, trigger: () => Promise<void>, timeoutMs: number): Promise<Buffer> {
  let settle!: (bytes: Buffer) => void;
  let fail!: (err: Error) => void;
  const captured = new Promise<Buffer>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  captured.catch(() => undefined);

  const onRoute = async (route: Route) => {
    try {
      const response = await route.fetch();
      const body = await response.body();
      if (body.subarray(0, 5).toString('latin1') === '%PDF-') {
        settle(body);
        // The bytes are ours; the popup need not spend time drawing them in the PDF viewer.
        await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>Boleto</title>' });
        return;
      }
      await route.fulfill({ response, body });
    } catch {
      await route.continue().catch(() => undefined);
    }
  };
  const onDownload = async (download: Download) => {
    try {
      const path = await download.path();
      const body = await readFile(path);
      if (body.subarray(0, 5).toString('latin1') === '%PDF-') settle(body);
    } catch {
      // The route usually got the bytes already; a failed download is not an error by itself.
    }
  };
  const popups: Page[] = [];
  const onPage = (popup: Page) => {
    popups.push(popup);
    popup.on('download', onDownload);
  };

  await context.route(PRINT_PAGE, onRoute);
  page.on('download', onDownload);
  context.on('page', onPage);
  const timer = setTimeout(() => fail(new PortalError('o PDF do boleto não chegou a tempo', 'transient')), timeoutMs);
  try {
    await trigger();
    return await captured;
  } finally {
    clearTimeout(timer);
    context.off('page', onPage);
    page.off('download', onDownload);
    // Awaited: a route still being removed while the next emission adds its own can swallow it.
    await context.unroute(PRINT_PAGE, onRoute).catch(() => undefined);
    for (const popup of popups) void popup.close().catch(() => undefined);
  }
}
