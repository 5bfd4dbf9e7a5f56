// @ts-check
import { startEmulator } from '../../emulator/server.js';

/**
 * Gives each browser test file its own Keen emulator on a free port, over
 * real HTTP on 127.0.0.1 (a different origin from the test page, so the
 * browser does real CORS). Test files call `executeServerCommand('emulator-start')`.
 * @returns {import('@web/test-runner').TestRunnerPlugin<unknown>}
 */
export function emulatorPlugin() {
  /** @type {Map<string, Awaited<ReturnType<typeof startEmulator>>>} */
  const running = new Map();
  return {
    name: 'keen-emulator',
    async executeCommand({ command, session }) {
      if (command !== 'emulator-start') return undefined;
      let emulator = running.get(session.id);
      if (emulator === undefined) {
        emulator = await startEmulator({ port: 0 });
        running.set(session.id, emulator);
      }
      return { url: emulator.url };
    },
    async serverStop() {
      await Promise.all([...running.values()].map((emulator) => emulator.close()));
      running.clear();
    },
  };
}
