import { app, type BrowserWindow, Menu, type MenuItemConstructorOptions, shell } from 'electron';
import type { AppCommand } from '../../shared/contract/events';

/** The native menu; items that act on the desk are sent to the renderer as `app:command`. */
export function buildMenu(
  window: BrowserWindow,
  send: (command: AppCommand) => void,
  checkForUpdates?: () => void,
): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Import candles…', accelerator: 'CmdOrCtrl+O', click: () => send('open-import') },
        { label: 'Sessions', accelerator: 'CmdOrCtrl+1', click: () => send('open-sessions') },
        { label: 'Replay desk', accelerator: 'CmdOrCtrl+2', click: () => send('open-desk') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&Replay',
      submenu: [
        { label: 'Play / pause', accelerator: 'CmdOrCtrl+P', click: () => send('play-pause') },
        { label: 'Step one bar', accelerator: 'CmdOrCtrl+Right', click: () => send('step') },
      ],
    },
    {
      label: '&View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      role: 'help',
      submenu: [
        { label: `Tickstep ${app.getVersion()}`, enabled: false },
        ...(checkForUpdates ? [{ label: 'Check for updates…', click: () => checkForUpdates() }] : []),
        {
          label: 'Execution model',
          click: () => shell.openExternal('https://tickstep.app/docs/execution-model'),
        },
      ],
    },
  ];
  void window;
  return Menu.buildFromTemplate(template);
}
