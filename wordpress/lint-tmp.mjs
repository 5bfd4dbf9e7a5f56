import { loadNodeRuntime, createNodeFsMountHandler } from '@php-wasm/node';
import { PHP } from '@php-wasm/universal';
const t0 = Date.now();
for (const file of ['ok.php', 'php8.php']) {
  const php = new PHP(await loadNodeRuntime('7.4', { emscriptenOptions: { processId: 1 } }));
  await php.mount('/src', createNodeFsMountHandler('/tmp/lintx'));
  const res = await php.cli(['php', '-l', '/src/' + file]);
  console.log(file, await res.exitCode, JSON.stringify(await res.stdoutText), JSON.stringify(await res.stderrText));
}
console.log(Date.now() - t0);
