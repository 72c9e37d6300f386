import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `npm run bench`: runs every `bench/*.bench.ts` in turn (or those named on the command line). */
const dir = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
for (const file of files) {
  console.log(`\n== ${file}`);
  const mod = (await import(join(dir, file))) as { main?: () => Promise<void> };
  if (typeof mod.main !== 'function') throw new Error(`${file} must export main()`);
  await mod.main();
}
