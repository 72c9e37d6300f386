/**
 * Whether `chart` is still on the page. The desk removes and rebuilds its chart (theme change);
 * any call on a removed chart schedules a repaint that throws "Object is disposed" a frame later,
 * so cleanups skip a chart that is gone: its series, lines and primitives went with it.
 */
export function isChartAlive(chart: { chartElement(): HTMLElement } | null | undefined): boolean {
  if (!chart) return false;
  try {
    return chart.chartElement().isConnected;
  } catch {
    return false;
  }
}
