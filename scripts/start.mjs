#!/usr/bin/env node
// `npm start`: build, then open the desktop window. Where the Electron binary is missing (its
// download failed or was skipped at install), say so plainly and point at browser mode instead
// of failing deep inside Electron's launcher.
import { spawnSync } from 'node:child_process';
import { electronBinary, NO_ELECTRON_ADVICE } from './install-electron.mjs';

const binary = electronBinary();
if (!binary) {
  console.error('Tickstep: the Electron binary is not installed, so the desktop window cannot open.');
  console.error(NO_ELECTRON_ADVICE);
  process.exit(1);
}
const build = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);
const app = spawnSync(binary, ['.'], { stdio: 'inherit' });
process.exit(app.status ?? 1);
