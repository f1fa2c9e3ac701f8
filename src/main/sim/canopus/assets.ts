import { escapeHtml } from './html';

// The static files every page loads. The server notes when a session fetches them, so a browser that
// blocks CSS or images can be told apart from a normal one (the captcha trigger nexus ran into).

export const STYLESHEET = `body { font-family: Verdana, Arial, sans-serif; font-size: 11px; margin: 0; background: #f4f6f8; }
#cabecalho { background: #00305e; color: #fff; padding: 6px 12px; display: flex; gap: 16px; align-items: center; }
#cabecalho a { color: #fff; }
#menu { background: #dde5ee; padding: 4px 12px; }
.conteudo { padding: 12px; }
.GridView { border-color: #9fb3c8; background: #fff; margin-top: 8px; }
.GridHeader { background: #00305e; color: #fff; }
.GridAlternatingRow { background: #eef3f8; }
.GridSelectedRow { background: #ffe9a8; font-weight: bold; }
.msgErro { display: block; margin: 6px 0; }
input[type=submit] { background: #00305e; color: #fff; border: 0; padding: 4px 10px; cursor: pointer; }
input.aspNetDisabled { background: #e6e6e6; }
#pnlLogin { width: 320px; margin: 60px auto; background: #fff; border: 1px solid #9fb3c8; padding: 16px; }
`;

/** A 1×1 transparent PNG: pages size their images with width/height attributes. */
export const PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** The security characters as an image, so they are read by a person, not scraped from the page. */
export function captchaSvg(code: string): string {
  const letters = [...code]
    .map((ch, i) => `<text x="${14 + i * 22}" y="${30 + (i % 2 ? -4 : 4)}" transform="rotate(${(i % 3) * 9 - 9} ${14 + i * 22} 26)">${escapeHtml(ch)}</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="130" height="44" viewBox="0 0 130 44"><rect width="130" height="44" fill="#e8edf2"/><path d="M0 30 Q 40 5 70 28 T 130 18" stroke="#7a8b9c" fill="none"/><g font-family="Georgia, serif" font-size="22" fill="#2b3a4a">${letters}</g></svg>`;
}
