// Bench runner: `npm run bench -- <name> [args]` runs bench/<name>.ts.
// With no name (or --help) it lists the benches and what each measures.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = import.meta.dir;
const NOT_BENCHES = new Set(["run.ts", "report.ts"]);

function benches(): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !NOT_BENCHES.has(f))
    // Worker entry points and tests live beside benches but are not runnable on their own.
    .filter((f) => !f.endsWith(".test.ts") && !f.endsWith(".worker.ts"))
    .map((f) => f.slice(0, -3))
    .sort();
}

// First line of the file's leading `//` comment: a bench's one-line description.
function summary(name: string): string {
  const first = readFileSync(join(dir, `${name}.ts`), "utf8").split("\n")[0] ?? "";
  return first.startsWith("//") ? first.replace(/^\/\/\s*/, "") : "";
}

function list(): string {
  const names = benches();
  const width = Math.max(0, ...names.map((n) => n.length));
  return names.map((n) => `  ${n.padEnd(width)}  ${summary(n)}`).join("\n");
}

const [name, ...args] = process.argv.slice(2);
if (!name || name === "--help" || name === "-h") {
  console.log(`usage: npm run bench -- <name> [args]\n\nbenches:\n${list()}`);
  process.exit(0);
}
if (!benches().includes(name)) {
  console.error(`unknown bench "${name}"; available:\n${list()}`);
  process.exit(2);
}
// A child process per bench keeps JIT state and heap from one bench out of the next.
const child = Bun.spawn([process.execPath, join(dir, `${name}.ts`), ...args], {
  stdio: ["inherit", "inherit", "inherit"],
});
process.exit(await child.exited);
