import { z } from 'zod';
import { method } from './method';

/** App updates (electron-updater behind an interface in main; absent in browser mode and the CLI). */

export const UPDATE_STATUSES = [
  'idle',
  'checking',
  'available',
  'not-available',
  'downloading',
  'downloaded',
  'error',
] as const;
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];

export interface UpdateProgressDto {
  /** 0..100. */
  percent: number;
  transferredBytes: number;
  totalBytes: number;
  bytesPerSecond: number;
}

/** Everything the settings screen needs to show about updates; also pushed as `updates:state`. */
export interface UpdateStateDto {
  /** False in browser mode, the CLI and builds without a feed: nothing to check, download or install. */
  supported: boolean;
  status: UpdateStatus;
  currentVersion: string;
  /** The version the feed offers (available, downloading, downloaded). */
  version: string | null;
  releaseName: string | null;
  /** Release notes as plain text (HTML from the feed is reduced to text in main). */
  releaseNotes: string | null;
  /** ISO 8601 UTC, from the feed. */
  releaseDate: string | null;
  /** While downloading (and 100 % once downloaded). */
  progress: UpdateProgressDto | null;
  /** A sentence for people: why updates are unavailable, or what went wrong. */
  message: string | null;
  /** UTC seconds of the last finished check. */
  checkedAt: number | null;
}

const none = z.object({}).strict();

export const updatesMethods = {
  'updates:get-state': method<UpdateStateDto>()(none),
  /** Asks the feed for a newer version; resolves with the state once the check has finished. */
  'updates:check': method<UpdateStateDto>()(none),
  /** Starts downloading the available update; progress arrives as `updates:state` events. */
  'updates:download': method<UpdateStateDto>()(none),
  /** Quits and installs a downloaded update now (otherwise it installs when the app quits). */
  'updates:install': method<UpdateStateDto>()(none),
};
