/**
 * The renderer's CSP, for Electron and browser mode alike: only our own scripts, no eval, no
 * remote content. WebSocket is allowed to the loopback contract socket of browser mode,
 * under either loopback name (the page may be opened as 127.0.0.1 or localhost).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
