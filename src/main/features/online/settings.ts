import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SettingsDto } from '../../../shared/contract/online';

/** The hosted server used when neither the build nor the environment names one (`npm run server`). */
export const BUILT_IN_SERVER_URL = 'http://127.0.0.1:8787';

/** The build default: `TICKSTEP_SERVER_URL` when set, else the built-in address. */
export function defaultServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  return normaliseUrl(env.TICKSTEP_SERVER_URL?.trim() || BUILT_IN_SERVER_URL);
}

export function normaliseUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

interface StoredSettings {
  serverUrl?: string;
}

/** App settings in `<dataDir>/settings.json` (nothing secret: tokens live in the secret store). */
export class SettingsStore {
  private readonly file: string;
  private cached: StoredSettings | null = null;

  constructor(
    dataDir: string,
    private readonly fallbackUrl: string,
  ) {
    this.file = join(dataDir, 'settings.json');
  }

  private read(): StoredSettings {
    if (this.cached) return this.cached;
    let value: StoredSettings = {};
    if (existsSync(this.file)) {
      try {
        const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
        if (parsed && typeof parsed === 'object') value = parsed as StoredSettings;
      } catch {
        value = {};
      }
    }
    this.cached = value;
    return value;
  }

  get(): SettingsDto {
    const saved = this.read().serverUrl;
    return {
      serverUrl: typeof saved === 'string' && saved ? saved : this.fallbackUrl,
      defaultServerUrl: this.fallbackUrl,
    };
  }

  get serverUrl(): string {
    return this.get().serverUrl;
  }

  /** Saves the server address (null or empty: back to the default). */
  save(patch: { serverUrl?: string | null }): SettingsDto {
    const next = { ...this.read() };
    if (patch.serverUrl !== undefined) {
      const url = patch.serverUrl ? normaliseUrl(patch.serverUrl) : '';
      if (url && url !== this.fallbackUrl) next.serverUrl = url;
      else delete next.serverUrl;
    }
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(next, null, 2)}\n`);
    renameSync(temp, this.file);
    this.cached = next;
    return this.get();
  }
}
