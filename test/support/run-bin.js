// @ts-check
/*
 * Runs the package's bin to completion as a user's shell would: arguments,
 * optional standard input, environment; resolves with the exit code and
 * both outputs (never rejects on a non-zero exit: the code is the result).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository's own bin (a source checkout; the installed one is test/support/packed-package.js's). */
export const REPOSITORY_BIN = fileURLToPath(new URL('../../bin/keen-lead-form.js', import.meta.url));

/**
 * @param {string[]} args
 * @param {{ bin?: string, stdin?: string, env?: Record<string, string>, cwd?: string }} [options]
 *   bin: a .js file (run with this Node) or an executable (an installed node_modules/.bin entry); default REPOSITORY_BIN
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
export function runBin(args, { bin = REPOSITORY_BIN, stdin, env, cwd } = {}) {
  const [file, argv] = bin.endsWith('.js') ? [process.execPath, [bin, ...args]] : [bin, args];
  return new Promise((resolve) => {
    const child = execFile(file, argv, { env: { ...process.env, ...env }, cwd, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : /** @type {{ code?: number }} */ (error).code ?? null, stdout, stderr });
    });
    child.stdin?.end(stdin ?? '');
  });
}
