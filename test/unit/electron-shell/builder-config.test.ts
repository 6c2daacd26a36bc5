// electron-builder.yml read and validated by electron-builder 26's own loader and schema (the checks
// `npm run dist` starts with), then the settings that make the package safe.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
interface BuilderConfig {
  appId: string;
  productName: string;
  extraMetadata?: { main?: string };
  /** getConfig normalizes the YAML list to `[{ filter: [...] }]` */
  files: (string | { filter: string[] })[];
  asar: boolean;
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; maintainer?: string };
  mac: { target: string; entitlements?: string; entitlementsInherit?: string; hardenedRuntime?: boolean };
  win: { target: string };
  publish: unknown;
}
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string): Promise<BuilderConfig>;
  validateConfiguration(config: unknown, debug: { isEnabled: boolean; add(): void }): Promise<void>;
};
const quiet = { isEnabled: false, add() {} };
const root = new URL('../../../', import.meta.url).pathname;
const load = () => getConfig(root, `${root}electron-builder.yml`);

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(await load(), quiet)).resolves.toBeUndefined();
  });

  it('the validation used here rejects a misspelled fuse (so the check above can fail)', async () => {
    const c = await load();
    await expect(validateConfiguration({ ...c, electronFuses: { ...c.electronFuses, runAsnode: false } }, quiet)).rejects.toThrow(/electronFuses/);
  });

  it('burns the security fuses', async () => {
    expect((await load()).electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('packs the built app in an asar, native modules unpacked beside it', async () => {
    const c = await load();
    expect(c.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(c.productName).toBe('Tidemark');
    expect(c.asar).toBe(true);
    const files = c.files.flatMap((f) => (typeof f === 'string' ? [f] : f.filter));
    expect(files).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
    // sources, tests and docs stay out of the package
    expect(files.some((f) => /^(electron|shared|renderer|test)\b|^\*\*\/\*$/.test(f))).toBe(false);
    expect(c.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'node_modules/better-sqlite3/**', 'node_modules/zstd-napi/**', 'node_modules/sodium-native/**', 'node_modules/cpu-features/**']));
    // every native module in the tree is covered by an unpack rule
    for (const dep of ['better-sqlite3', 'zstd-napi', 'sodium-native', 'cpu-features']) expect(existsSync(`${root}node_modules/${dep}`), dep).toBe(true);
  });

  it('starts the packaged app from the main bundle scripts/build.mjs emits', async () => {
    const main = (await load()).extraMetadata?.main;
    expect(main).toBe('dist/main.js');
    expect(readFileSync(`${root}scripts/build.mjs`, 'utf8')).toMatch(/entryPoints: \{ main: 'electron\/main\/main\.ts' \}, outdir: 'dist'/);
  });

  it('builds AppImage + deb, dmg, nsis and never publishes', async () => {
    const c = await load();
    expect(c.linux.target).toEqual(['AppImage', 'deb']);
    expect(c.linux.maintainer).toBeTruthy();
    expect(c.mac.target).toBe('dmg');
    expect(c.mac.hardenedRuntime).toBe(true);
    for (const f of [c.mac.entitlements, c.mac.entitlementsInherit]) expect(f && existsSync(`${root}${f}`), String(f)).toBe(true);
    expect(c.win.target).toBe('nsis');
    expect(c.publish).toBeNull();
  });
});
