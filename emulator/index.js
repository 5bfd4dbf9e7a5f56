// @ts-check
/*
 * The emulator as a module, for a site's own tests (Node only; never in a
 * browser file): `import { startEmulator } from 'keen-lead-form/emulator'`.
 * The package's bin (`npx keen-lead-form emulator`) runs the same server.
 */
export { DEFAULT_PORT, createEmulatorListener, readDefaultFixture, startEmulator } from './server.js';
export { API_PATH, CONTROL_PREFIX } from './handler.js';

/**
 * @typedef {import('./server.js').RunningEmulator} RunningEmulator
 * @typedef {import('./handler.js').Fixture} Fixture
 * @typedef {import('./handler.js').EmulatorState} EmulatorState
 */
