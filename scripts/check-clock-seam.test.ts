// The clock seam check must pass on this repo, and must demonstrably fail on
// code that breaks the seam (a checker that never fails proves nothing).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findClockViolations, UNJUSTIFIED_ESCAPE } from "./check-clock-seam.ts";

describe("clock seam", () => {
  test("the repository has no violations", () => {
    const violations = findClockViolations(join(import.meta.dir, ".."));
    expect(violations.map((v) => `${v.file}:${v.line}: ${v.rule}`)).toEqual([]);
  });

  const root = mkdtempSync(join(tmpdir(), "clock-seam-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  // One fixture tree, shared by the function test and the CLI test below.
  beforeAll(() => {
    mkdirSync(join(root, "engine", "clock"), { recursive: true });
    mkdirSync(join(root, "actors"), { recursive: true });
    writeFileSync(
      join(root, "engine", "loop.ts"),
      [
        "export function tick() {",
        "  const t = Date.now();", // 2: violation
        "  // const old = Date.now();", // 3: commented out, ignored
        "  const w = performance.now(); // clock-ok: measuring host overhead", // 4: justified
        "  const r = Math.random(); // clock-ok", // 5: bare escape, reported
        "  const u = 'http://x'; setTimeout(() => {}, 1);", // 6: `//` in a string is not a comment
        "  const d = new Date(t);", // 7: conversion, allowed
        "  return [t, w, r, u, d, new Date()];", // 8: no-argument form, violation
        "}",
      ].join("\n"),
    );
    writeFileSync(join(root, "engine", "clock", "wall.ts"), "export const now = () => Date.now();\n");
    writeFileSync(join(root, "engine", "x.test.ts"), "const t = Date.now();\n");
    writeFileSync(join(root, "actors", "a.ts"), "setInterval(() => {}, 10);\n");
    // Not a scanned directory: code outside the engine may use the clock.
    mkdirSync(join(root, "cli"), { recursive: true });
    writeFileSync(join(root, "cli", "c.ts"), "Date.now();\n");
  });

  test("it reports violations and honours only justified escapes", () => {
    const found = findClockViolations(root).map((v) => [v.file, v.line, v.rule]);
    expect(found).toEqual([
      ["actors/a.ts", 1, "setInterval()"],
      ["engine/loop.ts", 2, "Date.now()"],
      ["engine/loop.ts", 5, UNJUSTIFIED_ESCAPE],
      ["engine/loop.ts", 6, "setTimeout()"],
      ["engine/loop.ts", 8, "new Date()"],
    ]);
  });

  test("the script exits 1 with file:line output on a violating tree", () => {
    const proc = Bun.spawnSync([process.execPath, join(import.meta.dir, "check-clock-seam.ts"), root]);
    expect(proc.exitCode).toBe(1);
    expect(proc.stdout.toString()).toContain("engine/loop.ts:2: Date.now(): const t = Date.now();");
  });
});
