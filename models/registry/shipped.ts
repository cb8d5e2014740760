import { fileURLToPath } from 'node:url';

/** The model sets that come with Tickflow (models/shipped), reproduced by `tickflow train`. */
export const SHIPPED_MODELS = fileURLToPath(new URL('../shipped', import.meta.url));
