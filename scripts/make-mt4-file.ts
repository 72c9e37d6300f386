import { createWriteStream } from 'node:fs';

/**
 * Writes a synthetic MT4 History Center M1 file (`2019.01.02,00:00,O,H,L,C,V`, no header): a
 * seeded random walk, so the same arguments always give the same bytes.
 * Usage: tsx scripts/make-mt4-file.ts OUT ROWS [START_ISO] [START_PRICE]
 */
export async function writeMt4File(
  path: string,
  rows: number,
  startIso = '2019-01-02T00:00:00Z',
  startPrice = 1.14612,
) {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const out = createWriteStream(path);
  let ts = Date.parse(startIso) / 1000;
  let close = startPrice;
  const pad = (n: number) => String(n).padStart(2, '0');
  let buffer = '';
  for (let i = 0; i < rows; i++) {
    const open = close;
    // A walk pulled back toward the start price, so a million bars never drift below zero.
    const next = open + (random() - 0.5) * 0.0006 + (startPrice - open) * 0.001;
    const high = Math.max(open, next) + random() * 0.0003;
    const low = Math.min(open, next) - random() * 0.0003;
    close = next;
    const d = new Date(ts * 1000);
    buffer += `${d.getUTCFullYear()}.${pad(d.getUTCMonth() + 1)}.${pad(d.getUTCDate())},${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())},${open.toFixed(5)},${high.toFixed(5)},${low.toFixed(5)},${close.toFixed(5)},${Math.floor(random() * 200) + 20}\n`;
    if (buffer.length > 1 << 16) {
      if (!out.write(buffer)) await new Promise((r) => out.once('drain', r));
      buffer = '';
    }
    ts += 60;
  }
  out.end(buffer);
  await new Promise((r) => out.once('finish', r));
}

if (process.argv[1]?.endsWith('make-mt4-file.ts')) {
  const [path, rows, start, price] = process.argv.slice(2);
  if (!path || !rows) {
    console.error('Usage: tsx scripts/make-mt4-file.ts OUT ROWS [START_ISO] [START_PRICE]');
    process.exit(2);
  }
  await writeMt4File(path, Number(rows), start, price ? Number(price) : undefined);
}
