import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { featureSpecFor } from '../features/spec.ts';
import { loadBundledSeries } from '../training/bundled-data.ts';
import { poolDatasets } from '../training/pooled-dataset.ts';
import { planSplit } from '../training/time-split.ts';
import { loadModelSet } from './load-model-set.ts';
import { SHIPPED_ROOT } from './testing.ts';

/**
 * A card's figures are those of the files beside it: the evaluation rows are rebuilt from the
 * bundled data, forecast through onnxruntime (not the TS trees the trainer scored with), and
 * scored here with arithmetic of the test's own.
 */
describe.each(['crypto-1h-h4', 'stock-1d-h5'])('the card of shipped %s', (name) => {
  test(
    'states the MAE, hit rate and coverage the shipped ONNX models score on its evaluation rows',
    async () => {
      const model = loadModelSet(join(SHIPPED_ROOT, name));
      const { card } = model;
      const pool = poolDatasets(await loadBundledSeries(card.class, card.tf), featureSpecFor(card.tf), card.horizon, card.tf);
      const rows = planSplit(pool, card.split).evaluation;
      const iso = (r: number) => new Date(pool.times[r]!).toISOString();
      expect({ first: iso(rows[0]!), last: iso(rows[rows.length - 1]!), rows: rows.length }).toEqual(card.split.evaluation);

      const batch = new Float32Array(rows.length * pool.nFeatures);
      rows.forEach((r, i) => batch.set(pool.x.subarray(r * pool.nFeatures, (r + 1) * pool.nFeatures), i * pool.nFeatures));
      const { q10, q50, q90 } = model.predict(batch);
      model.release();

      let absError = 0;
      let absTarget = 0;
      let hits = 0;
      let inside = 0;
      rows.forEach((r, i) => {
        const y = pool.y[r]!;
        absError += Math.abs(y - q50[i]!);
        absTarget += Math.abs(y);
        hits += q50[i] === 0 || y === 0 ? 0.5 : Math.sign(q50[i]!) === Math.sign(y) ? 1 : 0;
        inside += q10[i]! <= y && y <= q90[i]! ? 1 : 0;
      });
      const overall = card.metrics.overall;
      expect(overall.rows).toBe(rows.length);
      expect(Math.abs(absError / rows.length - overall.mae.model)).toBeLessThan(1e-9);
      expect(Math.abs(absTarget / rows.length - overall.mae.zeroReturn)).toBeLessThan(1e-9);
      expect(Math.abs(hits / rows.length - overall.hitRate.model)).toBeLessThan(1e-9);
      expect(Math.abs(inside / rows.length - overall.coverage.model)).toBeLessThan(1e-9);
      expect(overall.beatsBaseline.mae).toBe(overall.mae.model < overall.mae.zeroReturn);
    },
    30_000,
  );
});
