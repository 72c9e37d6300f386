import { pathToFileURL } from 'node:url';

/**
 * The desktop shell's security decisions as pure functions (no `electron` import), so plain-Node
 * unit tests pin them: which page is the app, which navigations and IPC senders are allowed,
 * which links go to the system browser, which update feeds are accepted. main.ts wires them.
 */

/** The app's own page: its file URL in a build, or the dev server's URL under `electron-vite dev`. */
export interface AppEntry {
  /** `file:///…/out/renderer/index.html` or `http://localhost:5173/`. */
  url: string;
}

/**
 * The entry the window loads. `ELECTRON_RENDERER_URL` (the dev server) is honoured only in an
 * unpackaged build: in a packaged app an environment variable must not point the window, and its
 * preload, at another page.
 */
export function appEntry(
  rendererIndexFile: string,
  devUrl: string | undefined,
  isPackaged: boolean,
): AppEntry {
  if (!isPackaged && devUrl) {
    const parsed = parseUrl(devUrl);
    if (
      parsed &&
      (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
      isLoopback(parsed.hostname)
    )
      return { url: parsed.href };
  }
  return { url: pathToFileURL(rendererIndexFile).href };
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/**
 * True when `url` is the app's own page (any query or #fragment, which client-side routes use):
 * for a file entry, exactly that file; for the dev server, its origin. Any other `file://` URL,
 * another scheme or a malformed URL is not the app.
 */
export function isAppPage(url: string | null | undefined, entry: AppEntry): boolean {
  if (!url) return false;
  const target = parseUrl(url);
  const own = parseUrl(entry.url);
  if (!target || !own) return false;
  if (own.protocol === 'file:') {
    return target.protocol === 'file:' && target.host === own.host && target.pathname === own.pathname;
  }
  return target.origin === own.origin;
}

/** `will-navigate` / `will-redirect`: the window may only (re)load the app's own entry. */
export function isAllowedNavigation(url: string, entry: AppEntry): boolean {
  return isAppPage(url, entry);
}

/**
 * An IPC message is answered only when it comes from the app's own page in its top frame:
 * `event.senderFrame` is null when the frame is gone, and a subframe or another page is refused.
 */
export function isTrustedSender(
  frame: { url: string; parent: unknown } | null | undefined,
  entry: AppEntry,
): boolean {
  return !!frame && frame.parent === null && isAppPage(frame.url, entry);
}

/** Links the system browser may open (`shell.openExternal`): https and http only, well formed. */
export function isExternalLink(url: string): boolean {
  const parsed = parseUrl(url);
  return !!parsed && (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname !== '';
}

/**
 * Permission requests and checks from web content: all refused. The app needs none (no camera,
 * notifications through the OS, no geolocation, no clipboard reads); file choice goes through IPC.
 */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}

/** An update feed URL: https only, so the installer and its `latest*.yml` cannot be swapped on the way. */
export function checkUpdateFeedUrl(url: string): { ok: true; url: string } | { ok: false; message: string } {
  const parsed = parseUrl(url);
  if (parsed?.protocol !== 'https:' || parsed.hostname === '')
    return { ok: false, message: `TICKSTEP_UPDATE_URL must be an https URL, got "${url}".` };
  return { ok: true, url: parsed.href };
}

/**
 * What the start-up error box says when the back end cannot open: the store's own plain message
 * when it is damaged (StoreDamagedError says where and what to do), else the reason and the folder.
 */
export function startFailureText(error: unknown, dataDir: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if ((error as { code?: unknown } | null)?.code === 'STORE_DAMAGED') return message;
  const where = dataDir ? ` in ${dataDir}` : '';
  return `Tickstep could not open its data${where}: ${message}`;
}
