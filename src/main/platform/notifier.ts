/** A system notification: Electron's Notification in the desktop app; nothing elsewhere (the renderer shows the pushed event). */
export type Notify = (notice: { title: string; body: string }) => void;

export const noNotifier: Notify = () => {};
