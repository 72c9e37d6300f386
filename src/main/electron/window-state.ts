import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';
import { z } from 'zod';

const WindowState = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(640),
  height: z.number().int().min(480),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

const DEFAULT_STATE: WindowState = { width: 1400, height: 900, maximized: false };

/** Reads the last window bounds; a missing or damaged file just means the defaults. */
export function loadWindowState(dir: string): WindowState {
  try {
    return WindowState.parse(JSON.parse(readFileSync(join(dir, 'window-state.json'), 'utf8')));
  } catch {
    return DEFAULT_STATE;
  }
}

/** Saves bounds on move/resize/close so the next start opens where the trader left it. */
export function trackWindowState(dir: string, window: BrowserWindow): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    if (window.isDestroyed()) return;
    const bounds: Rectangle = window.getNormalBounds();
    const state: WindowState = { ...bounds, maximized: window.isMaximized() };
    writeFileSync(join(dir, 'window-state.json'), JSON.stringify(state));
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 400);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('close', save);
}
