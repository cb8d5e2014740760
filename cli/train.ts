import { z } from 'zod';
import { TIMEFRAMES, type Timeframe } from '../market/timeframes.ts';
import { DatasetError } from '../models/gbt/matrix.ts';
import { FORECAST_CLASSES, modelRef, type ForecastClass, type ForecastMetrics, type ModelCard } from '../models/registry/card-schema.ts';
import { cardJson, DEFAULT_SEED, FORECAST_PARAMS, loadBundledSeries, type ModelSet, TRAINABLE_TIMEFRAMES, trainModelSet, writeModelSet } from '../models/training/index.ts';
import { parseArgs, UsageError } from './args.ts';
import { EXIT, type Command } from './command.ts';
import { ProgressBar } from './progress.ts';

/** What a class trains on when the command line does not say. */
const DEFAULTS: Record<ForecastClass, { tf: Timeframe; horizon: number }> = { crypto: { tf: '1h', horizon: 4 }, stock: { tf: '1d', horizon: 5 } };

const wholeNumber = (option: string, min: number, max: number) =>
  z.string().refine((s) => /^\d+$/.test(s) && Number(s) >= min && Number(s) <= max, { error: (i) => `--${option} must be a whole number from ${min} to ${max}, got ${JSON.stringify(i.input)}` }).transform(Number);

const schema = z.object({
  positionals: z.array(z.string()).max(0, { error: (i) => `train takes no files or words, got ${JSON.stringify((i.input as string[])[0])}` }),
  class: z.enum(FORECAST_CLASSES, { error: (i) => `--class must be crypto or stock, got ${JSON.stringify(i.input)}` }).default('crypto'),
  tf: z.enum(TIMEFRAMES, { error: (i) => `--tf must be one of ${TIMEFRAMES.join(', ')}, got ${JSON.stringify(i.input)}` }).optional(),
  // Two days of hours at most: a month of crypto holds too few separate targets beyond that.
  horizon: wholeNumber('horizon', 1, 48).optional(),
  out: z.string().min(1, { error: '--out needs a folder' }).default('models/shipped'),
  json: z.literal(true).optional(),
  seed: wholeNumber('seed', 0, 0xffffffff).optional(),
  'max-trees': wholeNumber('max-trees', 1, 10_000).optional(),
  'model-version': wholeNumber('model-version', 1, 1_000_000).optional(),
});

const help = `Usage: tickflow train [--class crypto|stock] [--tf <tf>] [--horizon <n>] [--out <dir>] [--seed <n>] [--json]

Trains the forecast models of an asset class from the bundled data (data/): the 8 Binance
pairs' 1m bars combined into --tf candles, or the 40 stocks' and SPY's daily bars. Rows of all
symbols are pooled in time order and split by time: the last 20% is held back for evaluation,
the 15% before it stops the trees early, with a gap of --horizon candles between them so no
target crosses a boundary. Three models forecast the log return over the next --horizon
candles: q50 (the median) and q10/q90 (an 80% band). The held-back period is also forecast
walk-forward in 3 folds, each by models retrained on everything before it with the same
fixed parameters. Every figure is printed beside naive baselines: a zero return (MAE), the
last return's sign and the training drift's sign (direction), and the training targets' own
10–90% band (coverage, pinball loss); "better: no" is printed as readily as "yes".

Writes <out>/<class>-<tf>-h<horizon>/ (…@<version> after version 1): q10.onnx, q50.onnx,
q90.onnx and card.json (training period, rows per split, parameters, seed, feature signature,
metrics per fold and overall, each file's sha256). The same command on the same data writes
the same bytes.

Options:
  --class <c>           crypto (default) or stock
  --tf <tf>             crypto: ${TRAINABLE_TIMEFRAMES.crypto.join(', ')} (default ${DEFAULTS.crypto.tf}); stock: 1d
  --horizon <n>         candles ahead, 1 to 48 (default ${DEFAULTS.crypto.horizon} for crypto, ${DEFAULTS.stock.horizon} for stock)
  --out <dir>           parent folder of the model set (default models/shipped)
  --seed <n>            row-subsampling seed (default ${DEFAULT_SEED})
  --max-trees <n>       at most n trees per model (default ${FORECAST_PARAMS.maxTrees}); fewer for a quick try
  --model-version <n>   the card's version (default 1), to keep a retrained set beside the old one
  --json                print the card as JSON instead of the table
  -h, --help            show this help

Example:
  tickflow train --class crypto --tf 1h --horizon 4

Exit status: 0 trained and written, 1 training failed (too little data), 2 a bad command line.`;

export const trainCommand: Command = {
  name: 'train',
  summary: 'train the forecast models (q10/q50/q90) of an asset class from the bundled data',
  help,
  async run(argv, io) {
    const options = ['class', 'tf', 'horizon', 'out', 'seed', 'max-trees', 'model-version'];
    const parsed = parseArgs(argv, { command: 'train', options, flags: ['json'], schema });
    if (parsed.help) {
      io.out(help);
      return EXIT.ok;
    }
    const args = parsed.args;
    const assetClass = args.class;
    const tf = args.tf ?? DEFAULTS[assetClass].tf;
    if (!TRAINABLE_TIMEFRAMES[assetClass].includes(tf)) throw new UsageError(`--tf ${tf} cannot be trained for ${assetClass} from the bundled data; use ${TRAINABLE_TIMEFRAMES[assetClass].join(', ')}`);
    const horizon = args.horizon ?? DEFAULTS[assetClass].horizon;

    const bar = new ProgressBar(io.progress, `${assetClass}-${tf}-h${horizon}`);
    let set: ModelSet;
    try {
      const series = await loadBundledSeries(assetClass, tf);
      set = trainModelSet({ assetClass, tf, horizon, series, seed: args.seed, version: args['model-version'], maxTrees: args['max-trees'], onProgress: (p) => bar.update(p.phase, p.done, p.total) });
    } catch (error) {
      // Too little data for the split or a symbol's warm-up: the run failed, the command line was fine.
      if (!(error instanceof RangeError || error instanceof DatasetError)) throw error;
      io.err(`tickflow train: ${error.message}`);
      return EXIT.failed;
    } finally {
      bar.clear();
    }
    const dir = writeModelSet(args.out, set);
    if (args.json) io.out(cardJson(set.card).trimEnd());
    else io.out([...summary(set.card), '', `wrote ${dir}: ${[...set.files.keys(), 'card.json'].join(', ')}`].join('\n'));
    return EXIT.ok;
  },
};

const n = (x: number) => x.toLocaleString('en-US');
const day = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** The card's headline: what was trained on what, then the figures beside their baselines. */
function summary(card: ModelCard): string[] {
  const { split, models } = card;
  return [
    `${modelRef(card)}: log return over the next ${card.horizon} ${card.tf} candles, ${card.symbols.length} symbols pooled`,
    `rows: train ${n(split.train.rows)} (${day(split.train.first)} .. ${day(split.train.last)}), validation ${n(split.validation.rows)}, evaluation ${n(split.evaluation.rows)} (${day(split.evaluation.first)} .. ${day(split.evaluation.last)}), gap ${n(split.gapRows)}`,
    `trees: q10 ${models.q10.trees}, q50 ${models.q50.trees}, q90 ${models.q90.trees}`,
    '',
    ...table(`evaluation, shipped models (${n(card.metrics.overall.rows)} rows)`, card.metrics.overall),
    '',
    ...table(`walk-forward, ${card.metrics.folds.length} folds (${n(card.metrics.walkForward.rows)} rows)`, card.metrics.walkForward),
  ];
}

function table(title: string, m: ForecastMetrics): string[] {
  const f = (x: number, digits = 5) => x.toFixed(digits);
  const { hitRate: h } = m;
  const bestHit = Math.max(h.zeroReturn, h.lastReturnSign, h.trainingMedianSign);
  const hitName = bestHit === h.zeroReturn ? 'zero return' : bestHit === h.lastReturnSign ? 'last return sign' : 'training drift sign';
  const rows: [string, string, string, boolean][] = [
    ['MAE of the log return', f(m.mae.model), `${f(m.mae.zeroReturn)} zero return`, m.beatsBaseline.mae],
    ['hit rate (direction)', f(h.model, 3), `${f(bestHit, 3)} ${hitName}`, m.beatsBaseline.hitRate],
    ['10-90% coverage (0.800)', f(m.coverage.model, 3), `${f(m.coverage.empiricalBand, 3)} empirical band`, m.beatsBaseline.coverage],
    ['pinball loss q10/q90', f(m.pinball.model), `${f(m.pinball.empiricalBand)} empirical band`, m.beatsBaseline.pinball],
  ];
  return [
    `${title.padEnd(42)}${'model'.padEnd(10)}${'best baseline'.padEnd(30)}better`,
    ...rows.map(([name, model, baseline, better]) => `  ${name.padEnd(40)}${model.padEnd(10)}${baseline.padEnd(30)}${better ? 'yes' : 'no'}`),
  ];
}
