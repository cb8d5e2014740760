// Clock seam check: engine and actor code must not read wall-clock time or
// randomness, nor schedule timers, except through the clock module. Replay is
// only deterministic if every source of time flows through that one seam.
//
// Usage: bun scripts/check-clock-seam.ts [rootDir]
// Escape a single line with `// clock-ok: <reason>`; the reason is mandatory.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";

export interface Violation {
  file: string; // relative to rootDir, with "/" separators
  line: number; // 1-based
  text: string; // the offending line, trimmed
  rule: string;
}

// Directories holding code that runs inside the deterministic engine.
const SCANNED_DIRS = ["engine", "actors", "market", "strategies", "feeds", "sim"];

const RULES: { rule: string; re: RegExp }[] = [
  { rule: "Date.now()", re: /\bDate\.now\s*\(/ },
  { rule: "performance.now()", re: /\bperformance\.now\s*\(/ },
  { rule: "Math.random()", re: /\bMath\.random\s*\(/ },
  { rule: "setTimeout()", re: /\bsetTimeout\s*\(/ },
  { rule: "setInterval()", re: /\bsetInterval\s*\(/ },
  // Only the no-argument form reads the clock; new Date(ts) is a pure conversion.
  { rule: "new Date()", re: /\bnew\s+Date\s*\(\s*\)/ },
];

export const UNJUSTIFIED_ESCAPE = "clock-ok without a reason";

// Splits a line into code and `//` comment, skipping `//` inside string literals
// (e.g. URLs) so code after them is still checked. Block comments are not handled.
function splitComment(line: string): { code: string; comment: string } {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === "`") {
      quote = c;
    } else if (c === "/" && line[i + 1] === "/") {
      return { code: line.slice(0, i), comment: line.slice(i + 2) };
    }
  }
  return { code: line, comment: "" };
}

function* tsFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      // clock/ is the sanctioned seam; node_modules is not ours.
      if (entry.name === "clock" || entry.name === "node_modules") continue;
      yield* tsFiles(path);
    } else if (entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) {
      yield path;
    }
  }
}

export function checkSource(file: string, source: string): Violation[] {
  const out: Violation[] = [];
  source.split(/\r?\n/).forEach((raw, idx) => {
    const { code, comment } = splitComment(raw);
    const text = raw.trim();
    const marker = /\bclock-ok\b(.*)$/.exec(comment);
    if (marker) {
      const reason = (marker[1] ?? "").replace(/^\s*:/, "").trim();
      // A justified escape silences the line; a bare one is an error in itself.
      if (reason === "") out.push({ file, line: idx + 1, text, rule: UNJUSTIFIED_ESCAPE });
      return;
    }
    for (const { rule, re } of RULES) {
      if (re.test(code)) out.push({ file, line: idx + 1, text, rule });
    }
  });
  return out;
}

export function findClockViolations(rootDir: string): Violation[] {
  const out: Violation[] = [];
  for (const dir of SCANNED_DIRS) {
    const abs = join(rootDir, dir);
    if (!existsSync(abs)) continue;
    for (const path of tsFiles(abs)) {
      const file = relative(rootDir, path).split(sep).join("/");
      out.push(...checkSource(file, readFileSync(path, "utf8")));
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

if (import.meta.main) {
  const root = resolve(process.argv[2] ?? join(import.meta.dir, ".."));
  const violations = findClockViolations(root);
  for (const v of violations) console.log(`${v.file}:${v.line}: ${v.rule}: ${v.text}`);
  if (violations.length > 0) {
    console.error(`clock seam: ${violations.length} violation(s); route time through engine/clock or add "// clock-ok: <reason>"`);
    process.exit(1);
  }
  console.log(`clock seam: OK (${SCANNED_DIRS.join(", ")})`);
}
