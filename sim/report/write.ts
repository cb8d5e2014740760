import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from './build.ts';
import { renderHtml } from './html.ts';

/** The JSON text of a report: key order as built, two-space indent, one trailing newline. Same report, same bytes. */
export const reportJson = (r: unknown): string => `${JSON.stringify(r, null, 2)}\n`;

/** Writes report.json and report.html into `dir` (created if missing); returns their paths. */
export function writeReport(dir: string, report: Report): { json: string; html: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, 'report.json');
  const html = join(dir, 'report.html');
  writeFileSync(json, reportJson(report));
  writeFileSync(html, renderHtml(report));
  return { json, html };
}
