/**
 * Test only: copies of the shipped model sets in a temp folder, with the card or a file changed
 * the way a stale, tampered or broken set on disk would be.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { SHIPPED_MODELS } from './shipped.ts';

export const SHIPPED_ROOT = SHIPPED_MODELS;

/** Copies shipped set `name` to `<root>/<as>` and applies `edit` to its parsed card; returns the folder. */
export function copyShippedSet(name: string, root: string, as = name, edit?: (card: Record<string, any>) => void): string {
  const dir = join(root, as);
  cpSync(join(SHIPPED_ROOT, name), dir, { recursive: true });
  if (edit) editCard(dir, edit);
  return dir;
}

export function editCard(dir: string, edit: (card: Record<string, any>) => void): void {
  const path = join(dir, 'card.json');
  const card = JSON.parse(readFileSync(path, 'utf8')) as Record<string, any>;
  edit(card);
  writeFileSync(path, JSON.stringify(card, null, 2));
}
