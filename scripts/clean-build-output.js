// @ts-check
/*
 * Before `npm run build`: removes exactly what the build writes (the CDN
 * file, the library modules, the emulator's declarations and the elements
 * manifest), so no stale module from a deleted source file reaches the npm
 * tarball. Other tools write into dist/ too (the WordPress zip in
 * dist/wordpress, the release folder in dist/release); a build must not
 * delete their output.
 */
import { rmSync } from 'node:fs';

export const BUILD_OUTPUTS = ['dist/cdn', 'dist/cdn-parts', 'dist/lib', 'dist/emulator-types', 'dist/custom-elements.json', 'dist/builder'];

for (const path of BUILD_OUTPUTS) rmSync(path, { recursive: true, force: true });
