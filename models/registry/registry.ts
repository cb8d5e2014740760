import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Timeframe } from '../../market/timeframes.ts';
import type { OnnxLoadOptions } from '../onnx/session.ts';
import type { ForecastClass } from './card-schema.ts';
import type { ForecastModel } from './forecast-model.ts';
import { loadModelSet, ModelLoadError } from './load-model-set.ts';
import type { ModelChoice } from './model-choice.ts';

/** Every model set of a folder that passed loadModelSet's checks, and why the others did not. */
export interface ModelRegistry {
  readonly models: readonly ForecastModel[];
  readonly refused: readonly { readonly dir: string; readonly reason: string }[];
  release(): void;
}

/**
 * Loads each subfolder of `root` holding a card.json, in name order. A refused set is listed
 * with its reason rather than thrown: an old model beside good ones must not stop the engine,
 * but its refusal must be seen. Two folders with the same id@version: the second is refused.
 */
export function loadRegistry(root: string, options: OnnxLoadOptions = {}): ModelRegistry {
  const dirs = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, e.name, 'card.json')))
    .map((e) => join(root, e.name))
    .sort();
  const models: ForecastModel[] = [];
  const refused: { dir: string; reason: string }[] = [];
  for (const dir of dirs) {
    try {
      const model = loadModelSet(dir, options);
      if (models.some((m) => m.ref === model.ref)) {
        model.release();
        refused.push({ dir, reason: `Refusing model set ${dir}: ${model.ref} is already loaded from another folder` });
      } else models.push(model);
    } catch (error) {
      if (!(error instanceof ModelLoadError)) throw error;
      refused.push({ dir, reason: error.message });
    }
  }
  return { models, refused, release: () => models.forEach((m) => m.release()) };
}

export type ModelChoiceResult = { readonly ok: true; readonly model: ForecastModel } | { readonly ok: false; readonly reason: string };

/**
 * The model set that serves a class and timeframe: the one the config names, else the newest
 * loaded for them. Newest: trained on the latest data (the card's data.last), then the highest
 * version, then the shortest horizon, then the id, so the choice never depends on folder order.
 * A name the config gives that was not loaded (missing, refused) is an error, not a fallback:
 * serving another model than the one configured would go unnoticed.
 */
export function chooseModel(registry: Pick<ModelRegistry, 'models'>, want: { readonly assetClass: ForecastClass; readonly tf: Timeframe }, choice: ModelChoice = {}): ModelChoiceResult {
  const { assetClass, tf } = want;
  const candidates = registry.models.filter((m) => m.card.class === assetClass && m.card.tf === tf);
  const pinned = choice[assetClass]?.[tf];
  if (pinned !== undefined) {
    const model = candidates.find((m) => m.ref === pinned);
    if (model) return { ok: true, model };
    const loaded = candidates.map((m) => m.ref).join(', ') || 'none';
    return { ok: false, reason: `The config chooses model ${pinned} for ${assetClass} ${tf}, which is not loaded (loaded for ${assetClass} ${tf}: ${loaded})` };
  }
  const [newest] = candidates.toSorted(byNewest);
  return newest ? { ok: true, model: newest } : { ok: false, reason: `No model set is loaded for ${assetClass} ${tf}` };
}

function byNewest(a: ForecastModel, b: ForecastModel): number {
  const [x, y] = [a.card, b.card];
  if (x.data.last !== y.data.last) return x.data.last < y.data.last ? 1 : -1;
  return y.version - x.version || x.horizon - y.horizon || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}
