import { useEffect, useId, useState } from 'react';
import {
  defaultPane,
  INDICATOR_KINDS,
  type IndicatorKind,
  type IndicatorSpec,
  PRICE_SOURCES,
} from '../../../../../core/indicators';
import {
  type ChartSettings,
  type IndicatorConfig,
  indicatorConfigSchema,
} from '../../../../../shared/contract/studies';
import { defaultSpec, INDICATOR_COLOURS, INDICATOR_NAMES, indicatorTitle } from './indicator-labels';

function newId(): string {
  return (
    globalThis.crypto?.randomUUID?.() ??
    `i${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`
  );
}

/** A number input that keeps what is typed and only reports values the contract accepts. */
function NumberField(props: {
  label: string;
  value: number;
  step?: number;
  min?: number;
  onCommit(value: number): boolean;
}) {
  const [draft, setDraft] = useState(String(props.value));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => setDraft(String(props.value)), [props.value]);
  return (
    <label className="study-field">
      <span>{props.label}</span>
      <input
        type="number"
        inputMode="decimal"
        step={props.step ?? 1}
        min={props.min ?? 1}
        value={draft}
        aria-invalid={invalid}
        onChange={(e) => {
          setDraft(e.target.value);
          const value = Number(e.target.value);
          setInvalid(e.target.value.trim() === '' || !Number.isFinite(value) || !props.onCommit(value));
        }}
        onBlur={() => {
          setDraft(String(props.value));
          setInvalid(false);
        }}
      />
    </label>
  );
}

const PERIOD_FIELDS: Record<IndicatorKind, { key: string; label: string; step?: number; min?: number }[]> = {
  sma: [{ key: 'period', label: 'Period' }],
  ema: [{ key: 'period', label: 'Period' }],
  bollinger: [
    { key: 'period', label: 'Period' },
    { key: 'multiplier', label: 'Standard deviations', step: 0.1, min: 0.1 },
  ],
  rsi: [{ key: 'period', label: 'Period' }],
  macd: [
    { key: 'fast', label: 'Fast period' },
    { key: 'slow', label: 'Slow period' },
    { key: 'signal', label: 'Signal period' },
  ],
  atr: [{ key: 'period', label: 'Period' }],
  vwap: [],
};

const SOURCE_NAMES: Record<string, string> = {
  close: 'Close',
  open: 'Open',
  high: 'High',
  low: 'Low',
  hl2: '(High + Low) / 2',
  hlc3: '(High + Low + Close) / 3',
  ohlc4: '(Open + High + Low + Close) / 4',
};

function IndicatorEditor(props: {
  config: IndicatorConfig;
  onChange(next: IndicatorConfig): boolean;
  onRemove(): void;
}) {
  const { config, onChange } = props;
  const title = indicatorTitle(config.spec);
  const [problem, setProblem] = useState<string | null>(null);
  const errorId = useId();
  const setSpec = (patch: Partial<Record<string, unknown>>): boolean => {
    const next = { ...config, spec: { ...config.spec, ...patch } as IndicatorSpec };
    const parsed = indicatorConfigSchema.safeParse(next);
    if (!parsed.success) {
      setProblem(parsed.error.issues.map((i) => i.message).join('; '));
      return false;
    }
    setProblem(null);
    return onChange(parsed.data);
  };
  const spec = config.spec as Record<string, unknown>;
  return (
    <fieldset className="study-indicator" aria-describedby={problem ? errorId : undefined}>
      <legend>
        <span className="swatch" style={{ background: config.color }} aria-hidden="true" />
        {title}
      </legend>
      <div className="study-fields">
        {PERIOD_FIELDS[config.spec.kind].map((field) => (
          <NumberField
            key={field.key}
            label={field.label}
            value={Number(spec[field.key])}
            step={field.step}
            min={field.min}
            onCommit={(value) => setSpec({ [field.key]: value })}
          />
        ))}
        {'source' in config.spec && (
          <label className="study-field">
            <span>Source</span>
            <select value={config.spec.source} onChange={(e) => setSpec({ source: e.target.value })}>
              {PRICE_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {SOURCE_NAMES[s]}
                </option>
              ))}
            </select>
          </label>
        )}
        {config.spec.kind === 'vwap' && (
          <label className="study-field">
            <span>Restart</span>
            <select value={config.spec.anchor} onChange={(e) => setSpec({ anchor: e.target.value })}>
              <option value="day">Each day (UTC)</option>
              <option value="week">Each week (Monday UTC)</option>
              <option value="none">Never</option>
            </select>
          </label>
        )}
        <label className="study-field">
          <span>Pane</span>
          <select
            value={config.pane}
            onChange={(e) => onChange({ ...config, pane: e.target.value as IndicatorConfig['pane'] })}
          >
            <option value="price">Price pane</option>
            <option value="own">Own pane</option>
          </select>
        </label>
        <label className="study-field">
          <span>Colour</span>
          <input
            type="color"
            value={config.color}
            onChange={(e) => onChange({ ...config, color: e.target.value })}
          />
        </label>
        <label className="study-check">
          <input
            type="checkbox"
            checked={config.visible}
            onChange={(e) => onChange({ ...config, visible: e.target.checked })}
          />
          <span>Visible</span>
        </label>
        <button
          type="button"
          className="study-remove"
          onClick={props.onRemove}
          aria-label={`Remove ${title}`}
        >
          Remove
        </button>
      </div>
      {problem && (
        <p id={errorId} className="study-problem" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}

/** Add, edit and remove the session's indicators; every change is saved with the session. */
export function IndicatorsPanel(props: {
  id: string;
  indicators: IndicatorConfig[];
  settings: ChartSettings;
  onChange(next: { indicators?: IndicatorConfig[]; settings?: ChartSettings }): void;
  onClose(): void;
}) {
  const { indicators, settings, onChange } = props;
  const [kind, setKind] = useState<IndicatorKind>('sma');
  const add = () => {
    const spec = defaultSpec(kind);
    const pane = defaultPane(spec.kind);
    const color = INDICATOR_COLOURS[indicators.length % INDICATOR_COLOURS.length]!;
    onChange({ indicators: [...indicators, { id: newId(), spec, pane, color, visible: true }] });
  };
  return (
    <section id={props.id} className="studies-panel" aria-label="Indicators">
      <header>
        <h2>Indicators</h2>
        <button type="button" onClick={props.onClose} aria-label="Close indicators">
          ×
        </button>
      </header>
      <div className="study-add">
        <label className="study-field">
          <span>Indicator type</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as IndicatorKind)}>
            {INDICATOR_KINDS.map((k) => (
              <option key={k} value={k}>
                {INDICATOR_NAMES[k]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={add} disabled={indicators.length >= 24}>
          Add indicator
        </button>
      </div>
      {indicators.length === 0 && <p className="study-hint">No indicators yet.</p>}
      {indicators.map((config) => (
        <IndicatorEditor
          key={config.id}
          config={config}
          onChange={(next) => {
            onChange({ indicators: indicators.map((c) => (c.id === config.id ? next : c)) });
            return true;
          }}
          onRemove={() => onChange({ indicators: indicators.filter((c) => c.id !== config.id) })}
        />
      ))}
      <fieldset className="study-settings">
        <legend>Chart settings</legend>
        <label className="study-check">
          <input
            type="checkbox"
            checked={settings.magnet}
            onChange={(e) => onChange({ settings: { ...settings, magnet: e.target.checked } })}
          />
          <span>Magnet: snap drawing points to open, high, low or close</span>
        </label>
        <NumberField
          label="Indicator pane height (pixels)"
          value={settings.indicatorPaneHeight}
          min={40}
          onCommit={(value) => {
            if (!Number.isInteger(value) || value < 40 || value > 600) return false;
            onChange({ settings: { ...settings, indicatorPaneHeight: value } });
            return true;
          }}
        />
      </fieldset>
    </section>
  );
}
