export const NODE_ENTRIES: Record<string, string>;
export const NODE_EXTERNAL: string[];
export function buildNode(options?: { root?: string; outDir?: string }): Promise<{
  outDir: string;
  startedAtMs: number;
}>;
