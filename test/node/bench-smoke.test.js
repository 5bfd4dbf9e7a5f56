// @ts-check
// `npm run bench` is not part of `npm test` (it takes about 10 minutes), so
// this runs it once at its smallest (--smoke: one round, two forms, four
// queued leads, no throttling) to keep the script from rotting: every
// contestant loads, every figure is measured and has its ratio, and the
// queued leads arrive exactly once. Needs `npm run build`.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);

test('npm run bench -- --smoke measures every figure as a ratio and writes its results', { timeout: 240_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keen-bench-'));
  try {
    const out = join(dir, 'latest.json');
    const readmeBefore = readFileSync('README.md', 'utf8');
    const { stdout } = await run(process.execPath, ['scripts/bench.js', '--smoke', '--out', out], { timeout: 230_000 });
    const result = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(result.runs, 1);
    assert.ok(result.machine.cores > 0 && result.machine.chromium.length > 0);
    const figures = new Set(result.rows.map((/** @type {{ figure: string }} */ row) => row.figure));
    for (const figure of ['time to interactive', 'CLS', 'typing p98 (key → next frame)', 'click → request', 'click → success', 'bytes (page + script, brotli)']) {
      assert.ok(figures.has(figure), `${figure} missing`);
    }
    /** @typedef {{ figure: string, contestant: string, baseline: string, median: number, ratio: number | null }} Row */
    const rows = /** @type {Row[]} */ (result.rows);
    for (const row of rows.filter((row) => row.figure !== 'CLS')) {
      // Unthrottled, a hand-written fetch can start its request within the
      // timer's resolution (0 ms): a ratio to zero has no meaning, so it is
      // the one case where the ratio may be missing.
      const baseline = rows.find((other) => other.figure === row.figure && other.contestant === row.baseline);
      const ratioUndefined = baseline !== undefined && baseline.median === 0;
      assert.ok(Number.isFinite(row.median) && (ratioUndefined || Number.isFinite(row.ratio)), `${row.figure} (${row.contestant}): ${row.median}, ratio ${row.ratio}`);
    }
    const contestants = new Set(result.rows.map((/** @type {{ contestant: string }} */ row) => row.contestant));
    assert.deepEqual([...contestants].sort(), ['fetch', 'formspree', 'html-first', 'keen', 'plain']);
    assert.match(stdout, /\| CLS \| html-first \|/);
    assert.deepEqual(result.recovery, { ...result.recovery, delivered: 4, exactlyOnce: true, count: 4 });
    assert.match(stdout, /\| click → request \| keen \|/);
    assert.equal(readFileSync('README.md', 'utf8'), readmeBefore, 'a smoke run leaves the README alone');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
