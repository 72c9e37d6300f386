/*
 * Replay anchor for `npm run bench -- anchors`: the SMA(20)/SMA(50) crossover of
 * bench/anchors/sma-strategy.ts with the README's fill path, in plain C.
 *
 *   prices are bid; points = round(price * 1e5); ask = bid + 10 points
 *   each bar is the path gap(prev close -> O), O -> X -> Y -> C with X = H, Y = L when
 *   H - O <= O - L, else X = L, Y = H; a gap fills at the open, a segment at the level
 *   market entries at the last close: buys at the ask, sells at the bid; SL 20 pips, TP 40
 *   pips from the entry price; a long's SL/TP watch the bid, a short's the ask
 *   at equal distance the SL wins; ledger in integer cents rounded half away from zero,
 *   PNL + SPREAD on close, COMMISSION 3.50 per lot at every fill
 *
 * The engine's margin and stop-out checks are left out: with 1,000,000.00 deposited and one
 * 1-lot position at a time they never bite (the bench compares trades and balances to show it).
 * Floating-point steps are the same IEEE double operations in the same order as the TS code,
 * so the SMA crossings and the cents agree exactly.
 *
 * Usage: sma-replay BARS.bin [COUNT]   (int64 n, then ts, open, high, low, close as float64)
 * Prints: trades balance_cents cpu_seconds_of_the_loop
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define SPREAD 10.0
#define PIP_PTS 10.0
#define SCALE 100000.0
#define UNITS 100000.0
#define COMMISSION_CENTS 350.0

/* JavaScript's Math.round: halves go toward +infinity. */
static double js_round(double x) {
  double r = floor(x);
  return (x - r >= 0.5) ? r + 1.0 : r;
}

/* money.ts toCents: half away from zero with a 1e-7 tolerance. */
static double to_cents(double amount) {
  double cents = amount * 100.0;
  double rounded = js_round(fabs(cents) + 1e-7);
  return cents < 0 ? -rounded : rounded;
}

static double commission_cents(void) { return -js_round(COMMISSION_CENTS * 1.0 + 1e-9); }

typedef struct {
  double bid;
  int has_bar;
  double balance;
  long trades;
  /* The one position (the strategy never holds two). */
  int open;
  int long_side;
  double entry_bid;
  double sl;
  double tp;
} State;

static double hit_ge(double level, double from, double to, int gap) {
  if (gap) return to >= level ? to : NAN;
  if (from >= level) return from;
  if (to >= level) return level;
  return NAN;
}

static double hit_le(double level, double from, double to, int gap) {
  if (gap) return to <= level ? to : NAN;
  if (from <= level) return from;
  if (to <= level) return level;
  return NAN;
}

static void post(State *s, double cents, int always) {
  if (cents == 0 && !always) return;
  s->balance += cents;
}

static void close_at(State *s, double bid) {
  double dir = s->long_side ? 1.0 : -1.0;
  double pnl = to_cents((dir * (bid - s->entry_bid) * UNITS) / SCALE);
  double spread = -to_cents((SPREAD * UNITS) / SCALE);
  double slippage = -to_cents(((0.0 + 0.0) * UNITS) / SCALE);
  post(s, pnl, 1);
  post(s, spread, 0);
  post(s, slippage, 0);
  post(s, commission_cents(), 0);
  s->open = 0;
  s->trades++;
}

static void segment(State *s, double from, double to, int gap) {
  for (;;) {
    if (!s->open) return;
    int best = 0; /* 0 none, 1 SL, 2 TP */
    double best_dist = INFINITY, best_hit = 0;
    int lng = s->long_side;
    double level = lng ? s->sl : s->sl - SPREAD;
    double hit = lng ? hit_le(level, from, to, gap) : hit_ge(level, from, to, gap);
    if (!isnan(hit)) {
      double dist = hit > from ? hit - from : from - hit;
      if (dist < best_dist) { best_dist = dist; best = 1; best_hit = hit; }
    }
    level = lng ? s->tp : s->tp - SPREAD;
    hit = lng ? hit_ge(level, from, to, gap) : hit_le(level, from, to, gap);
    if (!isnan(hit)) {
      double dist = hit > from ? hit - from : from - hit;
      if (dist < best_dist) { best_dist = dist; best = 2; best_hit = hit; }
    }
    if (best == 0) return;
    s->bid = best_hit;
    close_at(s, best_hit);
    if (!gap) from = best_hit;
  }
}

static void process_bar(State *s, double open, double high, double low, double close) {
  double o = js_round(open * SCALE), h = js_round(high * SCALE), l = js_round(low * SCALE),
         c = js_round(close * SCALE);
  if (!s->has_bar) { s->has_bar = 1; s->bid = c; return; }
  if (!s->open) { s->bid = c; return; }
  segment(s, s->bid, o, 1);
  s->bid = o;
  double x, y;
  if (h - o <= o - l) { x = h; y = l; } else { x = l; y = h; }
  segment(s, o, x, 0);
  s->bid = x;
  segment(s, x, y, 0);
  s->bid = y;
  segment(s, y, c, 0);
  s->bid = c;
}

static void place_market(State *s, int buy) {
  double bid = s->bid;
  double entry = buy ? bid + SPREAD : bid;
  double dir = buy ? 1.0 : -1.0;
  s->open = 1;
  s->long_side = buy;
  s->entry_bid = bid;
  s->sl = entry + -dir * 20.0 * PIP_PTS;
  s->tp = entry + dir * 40.0 * PIP_PTS;
  post(s, commission_cents(), 0);
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: sma-replay BARS.bin [COUNT]\n"); return 2; }
  FILE *f = fopen(argv[1], "rb");
  if (!f) { perror(argv[1]); return 1; }
  int64_t n64;
  if (fread(&n64, 8, 1, f) != 1) return 1;
  size_t n = (size_t)n64;
  double *cols = malloc(n * 5 * sizeof(double));
  if (!cols || fread(cols, sizeof(double), n * 5, f) != n * 5) { fprintf(stderr, "short file\n"); return 1; }
  fclose(f);
  size_t count = argc > 2 ? (size_t)atol(argv[2]) : n;
  if (count > n) count = n;
  double *open = cols + n, *high = cols + 2 * n, *low = cols + 3 * n, *close = cols + 4 * n;

  State s = {0};
  s.balance = 100000000.0;
  const int fast = 20, slow = 50;
  double sum_fast = 0, sum_slow = 0, prev_diff = 0;
  struct timespec t0, t1;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
  s.bid = js_round(close[0] * SCALE);
  s.has_bar = 1;
  for (size_t i = 1; i < count; i++) {
    process_bar(&s, open[i], high[i], low[i], close[i]);
    double c = close[i];
    sum_fast += c;
    sum_slow += c;
    if (i > (size_t)fast) sum_fast -= close[i - fast];
    if (i > (size_t)slow) sum_slow -= close[i - slow];
    if (i <= (size_t)slow) continue;
    double diff = sum_fast / fast - sum_slow / slow;
    if (prev_diff <= 0 && diff > 0) {
      if (s.open) close_at(&s, s.bid);
      place_market(&s, 1);
    } else if (prev_diff >= 0 && diff < 0) {
      if (s.open) close_at(&s, s.bid);
      place_market(&s, 0);
    }
    prev_diff = diff;
  }
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
  double cpu = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  printf("%ld %.0f %.9f\n", s.trades, s.balance, cpu);
  free(cols);
  return 0;
}
