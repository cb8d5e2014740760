import { topicMatches, type Topic, type TopicPattern } from '../names.ts';

/**
 * Who listens to which topics. Exact topics are a map lookup; patterns are matched once per
 * topic and the answer cached until the subscriptions change, so a publish costs one lookup.
 */
export class Subscriptions<S> {
  private readonly byPattern = new Map<TopicPattern, Set<S>>();
  private cache = new Map<string, readonly S[]>();

  add(pattern: TopicPattern, subscriber: S): void {
    let set = this.byPattern.get(pattern);
    if (!set) this.byPattern.set(pattern, (set = new Set()));
    set.add(subscriber);
    this.cache.clear();
  }

  remove(pattern: TopicPattern, subscriber: S): void {
    const set = this.byPattern.get(pattern);
    if (!set?.delete(subscriber)) return;
    if (set.size === 0) this.byPattern.delete(pattern);
    this.cache.clear();
  }

  /** Removes a subscriber from every pattern (it stopped). */
  removeAll(subscriber: S): void {
    for (const pattern of [...this.byPattern.keys()]) this.remove(pattern, subscriber);
  }

  resolve(t: Topic): readonly S[] {
    let found = this.cache.get(t);
    if (found) return found;
    const out = new Set<S>();
    for (const [pattern, set] of this.byPattern) if (topicMatches(pattern, t)) for (const s of set) out.add(s);
    found = [...out];
    this.cache.set(t, found);
    return found;
  }

  entries(): { pattern: TopicPattern; subscribers: S[] }[] {
    return [...this.byPattern].map(([pattern, set]) => ({ pattern, subscribers: [...set] }));
  }
}
