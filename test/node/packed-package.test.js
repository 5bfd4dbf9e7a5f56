// @ts-check
/*
 * test/support/packed-package.js, the tarball several test files share:
 * asked by three processes at once (as `node --test --test-concurrency=3`
 * does), it packs once and all three get the same file; a lock left by a
 * process that died does not block the next one.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const HELPER = fileURLToPath(new URL('../support/packed-package.js', import.meta.url));
const cache = mkdtempSync(join(tmpdir(), 'keen-packed-cache-'));
after(() => rmSync(cache, { recursive: true, force: true }));

/** In a process of its own: the tarball it got and that file's modification time. */
async function packInAnotherProcess() {
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '-e', `
      import { statSync } from 'node:fs';
      const { packedPackage } = await import(${JSON.stringify(HELPER)});
      const { tarball, packed } = await packedPackage();
      console.log(JSON.stringify({ tarball, files: packed.files.length, mtimeMs: statSync(tarball).mtimeMs }));`],
    { env: { ...process.env, KEEN_PACKED_CACHE: cache }, timeout: 180_000 },
  );
  return /** @type {{ tarball: string, files: number, mtimeMs: number }} */ (JSON.parse(stdout));
}

test('three processes at once: one pack, the same tarball for all, no lock left', async () => {
  const results = await Promise.all([packInAnotherProcess(), packInAnotherProcess(), packInAnotherProcess()]);
  assert.ok((results[0]?.files ?? 0) > 10, 'npm pack reported the files');
  assert.deepEqual(results.slice(1), [results[0], results[0]], 'one tarball, written once');
  const entries = readdirSync(cache);
  assert.equal(entries.length, 1, entries.join(' '));
  assert.match(entries[0] ?? '', /^pack-[0-9a-f]{20}$/);
});

test('a lock whose holder died is taken over', async () => {
  const [entry] = readdirSync(cache).filter((name) => name.startsWith('pack-'));
  assert.ok(entry !== undefined);
  rmSync(join(cache, entry), { recursive: true, force: true });
  // A pid that surely ran and ended: a process that has exited.
  const { stdout: deadPid } = await run(process.execPath, ['-e', 'console.log(process.pid)']);
  mkdirSync(join(cache, `${entry}.lock`));
  writeFileSync(join(cache, `${entry}.lock`, 'pid'), deadPid.trim());
  const result = await packInAnotherProcess();
  assert.ok(existsSync(result.tarball));
  assert.deepEqual(readdirSync(cache), [entry]);
});
