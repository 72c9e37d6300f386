// A replay driver run as a real child process by crash.test.ts, which SIGKILLs it mid-replay.
import { openApp } from '../../../src/main/app/open-app';
import { driveStep } from './crash-driver';
import { REPO_ROOT } from './helpers';

const [dataDir, sessionId] = process.argv.slice(2) as [string, string];
const app = openApp({ dataDir, appRoot: REPO_ROOT, mode: 'browser', log: () => {} });
for (;;) {
  const { cursorTs, done } = await driveStep(app, sessionId);
  process.stdout.write(`cursor ${cursorTs}\n`);
  if (done) break;
}
app.close();
