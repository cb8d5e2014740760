/// <reference lib="dom" />
import { fill, h, stateBlock } from '../lib/dom.ts';
import type { Page } from '../router.ts';

export const notFoundPage: Page = (root, params) => {
  fill(root, stateBlock('empty', 'No such page', [`“${params[0] ?? ''}” is not a page of the dashboard. `, h('a', { href: '#/markets' }, 'Go to the markets')]));
  return () => {};
};
