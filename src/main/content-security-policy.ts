/**
 * The renderer's CSP, for Electron and browser mode alike: only our own scripts, no eval, no
 * remote content. WebSocket is allowed to the loopback contract socket of browser mode,
 * under either loopback name (the page may be opened as 127.0.0.1 or localhost).
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** As a response header: browser mode's static server and Electron's http(s) responses. */
export const CONTENT_SECURITY_POLICY = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/**
 * As `<meta http-equiv>` in src/renderer/index.html, which is what applies to the desktop window
 * (a file:// page gets no response headers). The same policy minus `frame-ancestors`, which a
 * meta element cannot carry. A unit test keeps index.html equal to this.
 */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');
