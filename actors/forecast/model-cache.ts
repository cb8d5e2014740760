import { loadRegistry, type ModelRegistry } from '../../models/registry/index.ts';

/**
 * The model sets of a folder, loaded once per worker thread (each thread has its own module
 * state): a restarted forecaster finds its sessions open, and no worker loads them twice.
 */
const loaded = new Map<string, ModelRegistry>();

export function workerModels(root: string): ModelRegistry {
  let registry = loaded.get(root);
  if (!registry) loaded.set(root, (registry = loadRegistry(root)));
  return registry;
}
