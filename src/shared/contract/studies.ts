import { z } from 'zod';
import type { IndicatorSpec } from '../../core/indicators';
import { method } from './method';

/** Chart studies: indicator setup and chart settings per session; drawings per instrument or session. */

const sessionId = z.string().min(1);
const period = z.number().int().min(1).max(500);
const source = z.enum(['close', 'open', 'high', 'low', 'hl2', 'hlc3', 'ohlc4']).default('close');
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1e90ff');

export const indicatorSpecSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('sma'), period: period.default(20), source }).strict(),
    z.object({ kind: z.literal('ema'), period: period.default(20), source }).strict(),
    z
      .object({
        kind: z.literal('bollinger'),
        period: period.default(20),
        multiplier: z.number().min(0.1).max(10).default(2),
        source,
      })
      .strict(),
    z.object({ kind: z.literal('rsi'), period: period.default(14), source }).strict(),
    z
      .object({
        kind: z.literal('macd'),
        fast: period.default(12),
        slow: period.default(26),
        signal: period.default(9),
        source,
      })
      .strict(),
    z.object({ kind: z.literal('atr'), period: period.default(14) }).strict(),
    z.object({ kind: z.literal('vwap'), anchor: z.enum(['day', 'week', 'none']).default('day') }).strict(),
  ])
  .refine((s) => s.kind !== 'macd' || s.fast < s.slow, {
    message: 'the fast period must be shorter than the slow period',
    path: ['fast'],
  });

/** One indicator on a session's chart. `pane: 'own'` gives it a pane under the price. */
export const indicatorConfigSchema = z
  .object({
    /** Made by the renderer; unique within the session's setup. */
    id: z.string().min(1).max(64),
    spec: indicatorSpecSchema,
    pane: z.enum(['price', 'own']),
    color: color.default('#f5c542'),
    visible: z.boolean().default(true),
  })
  .strict();

export const chartSettingsSchema = z
  .object({
    /** Snap drawing points to the nearest open, high, low or close. */
    magnet: z.boolean().default(true),
    /** Scope new drawings get unless the trader picks the other one. */
    defaultDrawingScope: z.enum(['instrument', 'session']).default('instrument'),
    /** Height in pixels of each indicator pane. */
    indicatorPaneHeight: z.number().int().min(40).max(600).default(110),
  })
  .strict();

export const DRAWING_KINDS = [
  'horizontal-line',
  'trend-line',
  'ray',
  'rectangle',
  'fibonacci',
  'text',
] as const;
export type DrawingKind = (typeof DRAWING_KINDS)[number];

/** Points each kind is made of. */
export const DRAWING_POINTS: Record<DrawingKind, number> = {
  'horizontal-line': 1,
  'trend-line': 2,
  ray: 2,
  rectangle: 2,
  fibonacci: 2,
  text: 1,
};

export const drawingPointSchema = z
  .object({ ts: z.number().int().min(0).max(4_102_444_800), price: z.number().finite() })
  .strict();

export const drawingStyleSchema = z
  .object({
    color: color.default('#1e90ff'),
    lineWidth: z.number().int().min(1).max(4).default(1),
    /** The label of a text drawing; an optional note on the others. */
    text: z.string().max(200).optional(),
  })
  .strict();

export const drawingInputSchema = z
  .object({
    /** Omitted to create; an existing drawing's id to replace it. */
    id: z.string().min(1).max(64).optional(),
    kind: z.enum(DRAWING_KINDS),
    scope: z.enum(['instrument', 'session']).default('instrument'),
    points: z.array(drawingPointSchema).min(1).max(2),
    style: drawingStyleSchema.default({ color: '#1e90ff', lineWidth: 1 }),
  })
  .strict()
  .superRefine((d, ctx) => {
    const want = DRAWING_POINTS[d.kind];
    if (d.points.length !== want) {
      ctx.addIssue({
        code: 'custom',
        path: ['points'],
        message: `a ${d.kind} needs ${want} point${want === 1 ? '' : 's'}, got ${d.points.length}`,
      });
    }
    if (d.kind === 'text' && !d.style.text?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['style', 'text'], message: 'a text drawing needs some text' });
    }
  });

export type IndicatorConfig = z.output<typeof indicatorConfigSchema>;
export type ChartSettings = z.output<typeof chartSettingsSchema>;
export type DrawingPoint = z.output<typeof drawingPointSchema>;
export type DrawingStyle = z.output<typeof drawingStyleSchema>;
export type DrawingInput = z.input<typeof drawingInputSchema>;

/** The indicator setup and chart settings of a session (defaults until first saved). */
export interface ChartStudiesDto {
  sessionId: string;
  indicators: IndicatorConfig[];
  settings: ChartSettings;
  /** UTC seconds of the last save; null when nothing was saved yet. */
  updatedAt: number | null;
}

export interface DrawingDto {
  id: string;
  instrumentId: string;
  /** Null for an instrument drawing (shown in every session of the instrument). */
  sessionId: string | null;
  scope: 'instrument' | 'session';
  kind: DrawingKind;
  points: DrawingPoint[];
  style: DrawingStyle;
  /** Replay time the drawing was made at; instrument drawings show once a session reaches it. */
  revealTs: number;
  createdAt: number;
  updatedAt: number;
}

export const DEFAULT_CHART_SETTINGS: ChartSettings = chartSettingsSchema.parse({});

// The stored spec must be exactly what the pure indicators take.
const specMatchesCore: IndicatorSpec = {} as z.output<typeof indicatorSpecSchema>;
void specMatchesCore;

export const studiesMethods = {
  /** The session's indicators and chart settings; defaults if never saved. */
  'studies:get': method<ChartStudiesDto>()(z.object({ sessionId }).strict()),
  /** Replaces the session's indicators and chart settings. */
  'studies:save': method<ChartStudiesDto>()(
    z
      .object({
        sessionId,
        indicators: z
          .array(indicatorConfigSchema)
          .max(24)
          .refine((list) => new Set(list.map((i) => i.id)).size === list.length, {
            message: 'indicator ids must be unique',
          }),
        settings: chartSettingsSchema.default(DEFAULT_CHART_SETTINGS),
      })
      .strict(),
  ),
  /** Drawings visible in the session: its own, and its instrument's revealed by its cursor. */
  'drawings:list': method<DrawingDto[]>()(z.object({ sessionId }).strict()),
  /** Creates (no id) or replaces (id) a drawing on the session's instrument. */
  'drawings:save': method<DrawingDto>()(z.object({ sessionId, drawing: drawingInputSchema }).strict()),
  'drawings:delete': method<{ deleted: boolean }>()(
    z.object({ sessionId, drawingId: z.string().min(1) }).strict(),
  ),
};
