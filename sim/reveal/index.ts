import { reveal } from './behaviour.ts';

export { reveal, revealProps, type RevealProps } from './behaviour.ts';
export const behaviours = [reveal];
