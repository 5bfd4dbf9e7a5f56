// @ts-check
import { appendFileSync } from 'node:fs';
import { CHROMIUM_ONLY } from './chromium-only.js';

/*
 * One summary line per engine: how many tests ran, passed and failed, and
 * how many were left out as Chromium-only. It also checks the skips: outside
 * Chromium, every skipped test must be on the Chromium-only list and every
 * entry of the list must match a test; in Chromium nothing may be skipped.
 * A test is never left out silently. With KEEN_ENGINE_SUMMARY set, the counts
 * are also appended to that file as a JSON line, for scripts/test-browsers.js.
 */

/**
 * @typedef {{ engine: string, files: number, ran: number, passed: number, failed: number,
 *   chromiumOnly: number, fileErrors: number, problems: string[] }} EngineSummary
 */

/**
 * Every test of a file with its full title (suite titles and test title, joined by spaces).
 * @param {import('@web/test-runner').TestSuiteResult} suite
 * @param {string[]} parents
 * @returns {Generator<{ title: string, result: import('@web/test-runner').TestResult }>}
 */
function* testsOf(suite, parents = []) {
  const path = suite.name === '' ? parents : [...parents, suite.name];
  for (const result of suite.tests) yield { title: [...path, result.name].join(' '), result };
  for (const child of suite.suites) yield* testsOf(child, path);
}

/**
 * @param {string} engine
 * @param {readonly import('@web/test-runner').TestSession[]} sessions
 * @returns {EngineSummary}
 */
export function summarise(engine, sessions) {
  const entries = CHROMIUM_ONLY.map((entry) => ({ ...entry, pattern: new RegExp(entry.title), matched: 0 }));
  /** @type {EngineSummary} */
  const summary = { engine, files: sessions.length, ran: 0, passed: 0, failed: 0, chromiumOnly: 0, fileErrors: 0, problems: [] };
  for (const session of sessions) {
    if (session.errors.length > 0) summary.fileErrors++;
    if (session.testResults === undefined) continue;
    for (const { title, result } of testsOf(session.testResults)) {
      const listed = entries.filter((entry) => entry.pattern.test(title));
      for (const entry of listed) entry.matched++;
      if (result.skipped) {
        if (engine === 'chromium') summary.problems.push(`skipped in Chromium: ${title}`);
        else if (listed.length === 0) summary.problems.push(`skipped but not on the Chromium-only list: ${title}`);
        else summary.chromiumOnly++;
        continue;
      }
      summary.ran++;
      if (result.passed) summary.passed++;
      else summary.failed++;
    }
  }
  const ranFiles = sessions.map((session) => session.testFile.replaceAll('\\', '/'));
  for (const entry of entries) {
    if (entry.matched === 0 && ranFiles.some((file) => file.endsWith(entry.file))) summary.problems.push(`Chromium-only entry matches no test: /${entry.title}/`);
  }
  return summary;
}

/**
 * The eight slowest files (sum of their tests' durations) and the five slowest tests.
 * @param {readonly import('@web/test-runner').TestSession[]} sessions
 */
export function slowestOf(sessions) {
  /** @type {{ name: string, ms: number }[]} */
  const files = [];
  /** @type {{ name: string, ms: number }[]} */
  const tests = [];
  for (const session of sessions) {
    const fileName = session.testFile.replaceAll('\\', '/').split('/').pop() ?? session.testFile;
    let total = 0;
    if (session.testResults !== undefined) {
      for (const { title, result } of testsOf(session.testResults)) {
        const ms = result.duration ?? 0;
        total += ms;
        tests.push({ name: `${fileName}: ${title}`, ms });
      }
    }
    files.push({ name: fileName, ms: total });
  }
  const top = (/** @type {{ name: string, ms: number }[]} */ list, count = 5) => list.sort((a, b) => b.ms - a.ms).slice(0, count);
  return { files: top(files, 8), tests: top(tests) };
}

/**
 * One engine's runs (its side-by-side run and its timing run) as one summary.
 * @param {EngineSummary[]} parts
 * @returns {EngineSummary | undefined}
 */
export function mergeSummaries(parts) {
  const [first, ...others] = parts;
  if (first === undefined) return undefined;
  return others.reduce(
    (sum, part) => ({
      engine: sum.engine,
      files: sum.files + part.files,
      ran: sum.ran + part.ran,
      passed: sum.passed + part.passed,
      failed: sum.failed + part.failed,
      chromiumOnly: sum.chromiumOnly + part.chromiumOnly,
      fileErrors: sum.fileErrors + part.fileErrors,
      problems: [...sum.problems, ...part.problems],
    }),
    first,
  );
}

/** @param {EngineSummary} summary */
export function summaryLine(summary) {
  const left = summary.engine === 'chromium' ? '' : `, ${summary.chromiumOnly} Chromium-only not run`;
  const errors = summary.fileErrors > 0 ? `, ${summary.fileErrors} test files with errors` : '';
  return `${summary.engine}: ${summary.ran} tests ran in ${summary.files} files, ${summary.passed} passed, ${summary.failed} failed${left}${errors}`;
}

/**
 * @param {string} engine
 * @returns {import('@web/test-runner').Reporter}
 */
export function engineSummaryReporter(engine) {
  return {
    stop({ sessions }) {
      const summary = summarise(engine, sessions);
      console.log(`\n== ${summaryLine(summary)}`);
      for (const problem of summary.problems) console.log(`   problem: ${problem}`);
      // The slowest files and tests, so the run's time (CI must stay well under
      // 30 minutes) is seen where it goes.
      const slowest = slowestOf(sessions);
      console.log(`   slowest files: ${slowest.files.map(({ name, ms }) => `${name} ${(ms / 1000).toFixed(1)} s`).join(', ')}`);
      console.log(`   slowest tests: ${slowest.tests.map(({ name, ms }) => `${name} ${(ms / 1000).toFixed(1)} s`).join('; ')}`);
      const file = process.env['KEEN_ENGINE_SUMMARY'];
      if (file !== undefined && file !== '') appendFileSync(file, `${JSON.stringify(summary)}\n`);
    },
  };
}
