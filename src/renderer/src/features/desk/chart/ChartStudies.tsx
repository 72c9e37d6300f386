import type { IChartApi, ISeriesApi } from 'lightweight-charts';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  DRAWING_KINDS,
  DRAWING_POINTS,
  type DrawingDto,
  type DrawingKind,
  type DrawingPoint,
  type IndicatorConfig,
} from '../../../../../shared/contract/studies';
import type { CandleDto } from '../../../../../shared/dto';
import { formatPrice } from '../../../shared/format';
import { IndicatorsPanel } from './IndicatorsPanel';
import { type DrawingTool, useDrawingLayer } from './use-drawing-layer';
import { useIndicatorSeries } from './use-indicator-series';
import { useChartStudies, useDrawings } from './use-studies';
import './studies.css';

const NO_INDICATORS: IndicatorConfig[] = [];
const REFRESH_MS = 10_000;

export const DRAWING_NAMES: Record<DrawingKind, string> = {
  'horizontal-line': 'Horizontal line',
  'trend-line': 'Trend line',
  ray: 'Ray',
  rectangle: 'Rectangle',
  fibonacci: 'Fibonacci retracement',
  text: 'Text',
};

const TOOL_ICONS: Record<DrawingTool, string> = {
  select: '↖',
  'horizontal-line': '―',
  'trend-line': '╱',
  ray: '↗',
  rectangle: '▭',
  fibonacci: 'ℱ',
  text: 'T',
};

function describe(d: DrawingDto, digits: number): string {
  const prices = d.points.map((p) => formatPrice(p.price, digits)).join(' → ');
  const text = d.style.text ? ` “${d.style.text}”` : '';
  const scope = d.scope === 'session' ? ' (this session)' : '';
  return `${DRAWING_NAMES[d.kind]} ${prices}${text}${scope}`;
}

function hint(tool: DrawingTool): string {
  // Short enough for the toolbar's spare room beside the tools (it is cut with an ellipsis after).
  if (tool === 'select') return 'Click selects, drag moves, Delete removes';
  const n = DRAWING_POINTS[tool];
  return n === 1 ? 'Click to place · Esc cancels' : 'Click two points · Esc cancels';
}

export interface ChartStudiesProps {
  /** The desk's chart and its candlestick series; null while the chart is being (re)built. */
  chart: IChartApi | null;
  series: ISeriesApi<'Candlestick'> | null;
  sessionId: string;
  /** The session's instrument, for labels ("All EURUSD sessions"). */
  symbol: string;
  /** Price digits of the instrument. */
  digits: number;
  /** The revealed bars of the chart timeframe, oldest first: indicators see nothing else. */
  candles: readonly CandleDto[];
}

/**
 * Indicators and drawing tools for the desk's chart: an "Indicators" panel, a drawing toolbar and
 * everything they put on the chart. The setup is saved per session; drawings per instrument
 * (shown in every session of it) or per session, as the trader picks.
 */
export function ChartStudies(props: ChartStudiesProps) {
  const { chart, series, sessionId, symbol, digits, candles } = props;
  const studies = useChartStudies(sessionId);
  const drawings = useDrawings(sessionId);
  const [tool, setTool] = useState<DrawingTool>('select');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [panelOpen, setPanelOpen] = useState(false);
  const [colour, setColour] = useState('#1e90ff');
  const [text, setText] = useState('Note');
  const panelId = useId();
  const textId = useId();
  const scope = studies.settings.defaultDrawingScope;
  const selected = drawings.drawings.find((d) => d.id === selectedId) ?? null;

  // While the replay runs, instrument drawings made further on (in another session) show up once
  // this session reaches their time: the list is re-read on new bars, at most every 10 s.
  const lastTs = candles.at(-1)?.ts;
  const lastRefresh = useRef(0);
  useEffect(() => {
    if (lastTs === undefined) return;
    const now = performance.now();
    if (lastRefresh.current === 0 || now - lastRefresh.current < REFRESH_MS) {
      if (lastRefresh.current === 0) lastRefresh.current = now;
      return;
    }
    lastRefresh.current = now;
    drawings.refresh();
  }, [lastTs, drawings.refresh]);

  useIndicatorSeries(chart, studies.loaded ? studies.indicators : NO_INDICATORS, candles, {
    digits,
    paneHeight: studies.settings.indicatorPaneHeight,
  });

  const onPlace = useCallback(
    (kind: DrawingKind, points: DrawingPoint[]) => {
      void drawings
        .save({
          kind,
          scope,
          points,
          style: { color: colour, lineWidth: 1, ...(kind === 'text' ? { text: text.trim() || 'Note' } : {}) },
        })
        .then((saved) => {
          if (saved) setSelectedId(saved.id);
        });
      setTool('select');
    },
    [drawings.save, scope, colour, text],
  );

  const draft = useMemo(() => ({ color: colour, lineWidth: 1, text }), [colour, text]);
  const layer = useDrawingLayer({
    chart,
    series,
    candles,
    drawings: drawings.drawings,
    selectedId,
    tool,
    magnet: studies.settings.magnet,
    digits,
    draft,
    onSelect: setSelectedId,
    onPlace,
    onChange: (id, points) => {
      const d = drawings.drawings.find((x) => x.id === id);
      if (d) void drawings.save({ id, kind: d.kind, scope: d.scope, points, style: d.style });
    },
  });

  const deleteSelected = useCallback(() => {
    if (!selectedId) return;
    void drawings.remove(selectedId);
    setSelectedId(null);
  }, [selectedId, drawings.remove]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
      if ((event.key === 'Delete' || event.key === 'Backspace') && selectedId) {
        event.preventDefault();
        deleteSelected();
      } else if (event.key === 'Escape' && tool !== 'select') {
        layer.cancel();
        setTool('select');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const restyle = (patch: { color?: string; text?: string }) => {
    if (patch.color) setColour(patch.color);
    if (patch.text !== undefined) setText(patch.text);
    if (
      selected &&
      (patch.color || (patch.text !== undefined && selected.kind === 'text' && patch.text.trim()))
    ) {
      void drawings.save({
        id: selected.id,
        kind: selected.kind,
        scope: selected.scope,
        points: selected.points,
        style: { ...selected.style, ...patch },
      });
    }
  };

  const showText = tool === 'text' || selected?.kind === 'text';
  const error = studies.error ?? drawings.error;
  return (
    <div className="chart-studies">
      <div className="studies-toolbar" role="toolbar" aria-label="Drawing tools">
        {(['select', ...DRAWING_KINDS] as DrawingTool[]).map((t) => {
          const name = t === 'select' ? 'Select' : DRAWING_NAMES[t];
          return (
            <button
              key={t}
              type="button"
              className="studies-tool"
              aria-pressed={tool === t}
              aria-label={name}
              title={name}
              onClick={() => {
                layer.cancel();
                setTool(t);
                if (t !== 'select') setSelectedId(null);
              }}
            >
              <span aria-hidden="true">{TOOL_ICONS[t]}</span>
            </button>
          );
        })}
        <span className="studies-sep" aria-hidden="true" />
        <label className="studies-inline" title="Colour of new drawings and of the selected one">
          <span className="visually-hidden">Drawing colour</span>
          <input
            type="color"
            value={selected?.style.color ?? colour}
            onChange={(e) => restyle({ color: e.target.value })}
          />
        </label>
        {showText && (
          <label className="studies-inline" htmlFor={textId}>
            <span>Text</span>
            <input
              id={textId}
              type="text"
              maxLength={200}
              value={selected?.kind === 'text' ? (selected.style.text ?? '') : text}
              aria-label="Drawing text"
              onChange={(e) => restyle({ text: e.target.value })}
            />
          </label>
        )}
        <label className="studies-inline">
          <span>Keep in</span>
          <select
            aria-label="Keep new drawings in"
            value={scope}
            onChange={(e) =>
              studies.change({
                settings: {
                  ...studies.settings,
                  defaultDrawingScope: e.target.value as 'instrument' | 'session',
                },
              })
            }
          >
            <option value="instrument">All {symbol} sessions</option>
            <option value="session">This session only</option>
          </select>
        </label>
        <button type="button" onClick={deleteSelected} disabled={!selected}>
          Delete drawing
        </button>
        <details className="studies-list">
          <summary>Drawings ({drawings.drawings.length})</summary>
          <ul aria-label="Drawings">
            {drawings.drawings.length === 0 && <li className="study-hint">No drawings on this chart.</li>}
            {drawings.drawings.map((d) => {
              const label = describe(d, digits);
              return (
                <li key={d.id}>
                  <button
                    type="button"
                    className="studies-list-item"
                    aria-pressed={d.id === selectedId}
                    onClick={() => {
                      setTool('select');
                      setSelectedId(d.id === selectedId ? null : d.id);
                    }}
                  >
                    <span className="swatch" style={{ background: d.style.color }} aria-hidden="true" />
                    {label}
                  </button>
                  <button
                    type="button"
                    aria-label={`Delete ${label}`}
                    onClick={() => void drawings.remove(d.id)}
                  >
                    ×
                  </button>
                </li>
              );
            })}
          </ul>
        </details>
        <span className="studies-sep" aria-hidden="true" />
        <button
          type="button"
          aria-expanded={panelOpen}
          aria-controls={panelOpen ? panelId : undefined}
          onClick={() => setPanelOpen((open) => !open)}
        >
          Indicators{studies.indicators.length ? ` (${studies.indicators.length})` : ''}
        </button>
        <output className="studies-hint" aria-live="polite">
          {hint(tool)}
        </output>
      </div>
      {error && (
        <div className="studies-error" role="alert">
          {error}
        </div>
      )}
      {panelOpen && (
        <IndicatorsPanel
          id={panelId}
          indicators={studies.indicators}
          settings={studies.settings}
          onChange={studies.change}
          onClose={() => setPanelOpen(false)}
        />
      )}
    </div>
  );
}
