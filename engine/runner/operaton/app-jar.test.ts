import { mkdtempSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../platform/config';
import {
  PRUNE_AFTER_MS,
  appJarPath,
  appSourcesHash,
  extractedDir,
  mavenErrors,
  mavenPhase,
  pruneOldBuilds,
} from './app-jar';

describe('engine app sources hash', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'plusflow-app-hash-'));
    mkdirSync(path.join(dir, 'src', 'main', 'java'), { recursive: true });
    writeFileSync(path.join(dir, 'pom.xml'), '<project/>');
    writeFileSync(path.join(dir, 'src', 'main', 'java', 'A.java'), 'class A {}');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is 12 hex digits and stable while nothing changes', async () => {
    const h = await appSourcesHash(dir);
    expect(h).toMatch(/^[0-9a-f]{12}$/);
    expect(await appSourcesHash(dir)).toBe(h);
  });

  it('changes with the pom, with a source, with a new file and with a renamed file', async () => {
    const seen = new Set([await appSourcesHash(dir)]);
    writeFileSync(path.join(dir, 'pom.xml'), '<project><x/></project>');
    seen.add(await appSourcesHash(dir));
    writeFileSync(path.join(dir, 'src', 'main', 'java', 'A.java'), 'class A { int x; }');
    seen.add(await appSourcesHash(dir));
    mkdirSync(path.join(dir, 'src', 'main', 'resources'));
    writeFileSync(path.join(dir, 'src', 'main', 'resources', 'application.yaml'), 'a: 1');
    seen.add(await appSourcesHash(dir));
    rmSync(path.join(dir, 'src', 'main', 'resources', 'application.yaml'));
    writeFileSync(path.join(dir, 'src', 'main', 'resources', 'application.yml'), 'a: 1');
    seen.add(await appSourcesHash(dir));
    expect(seen.size).toBe(5);
  });

  it('ignores files outside pom.xml and src/ (target/, editor files)', async () => {
    const h = await appSourcesHash(dir);
    mkdirSync(path.join(dir, 'target'));
    writeFileSync(path.join(dir, 'target', 'x.jar'), 'jar');
    writeFileSync(path.join(dir, 'README.md'), 'notes');
    expect(await appSourcesHash(dir)).toBe(h);
  });

  it('hashes the real engine app', async () => {
    expect(await appSourcesHash()).toMatch(/^[0-9a-f]{12}$/);
  });

  it('names the jar and its extracted directory after the hash, in the shared cache', () => {
    const cfg = loadConfig({ PLUSFLOW_CACHE_DIR: '/c' });
    expect(appJarPath(cfg, 'abcdef012345')).toBe('/c/engine-app/plusflow-engine-abcdef012345.jar');
    expect(extractedDir(cfg, 'abcdef012345')).toBe('/c/engine-app/plusflow-engine-abcdef012345');
  });
});

describe('mavenPhase', () => {
  it.each([
    [
      '[INFO] --- maven-compiler-plugin:3.14.1:compile (default-compile) @ plusflow-engine ---',
      'Maven compiler:compile',
    ],
    ['[INFO] --- compiler:3.14.0:compile (default-compile) @ plusflow-engine ---', 'Maven compiler:compile'],
    [
      '[INFO] --- spring-boot-maven-plugin:3.5.7:repackage (repackage) @ plusflow-engine ---',
      'Maven spring-boot:repackage',
    ],
    ['[INFO] Downloading from central: https://repo.maven.apache.org/maven2/x.pom', 'Maven downloading dependencies'],
    ['[INFO] Scanning for projects...', 'Maven reading the project'],
  ])('%s → %s', (line, phase) => {
    expect(mavenPhase(line)).toBe(phase);
  });

  it('is undefined for other lines', () => {
    expect(mavenPhase('[INFO] BUILD SUCCESS')).toBeUndefined();
    expect(mavenPhase('WARNING: sun.misc.Unsafe')).toBeUndefined();
  });
});

describe('mavenErrors', () => {
  it("keeps Maven's error lines once each, without colour codes", () => {
    const out = [
      '[INFO] -------------------------------------------------------------',
      '[ERROR] COMPILATION ERROR : ',
      '[ERROR] /x/Broken.java:[1,24] illegal start of expression',
      '[INFO] BUILD FAILURE',
      '[ERROR] Failed to execute goal …: Compilation failure',
      '[ERROR] /x/Broken.java:[1,24] illegal start of expression',
      '\x1b[0m\x1b[0m',
    ].join('\n');
    expect(mavenErrors(out)).toBe(
      [
        '[ERROR] COMPILATION ERROR :',
        '[ERROR] /x/Broken.java:[1,24] illegal start of expression',
        '[ERROR] Failed to execute goal …: Compilation failure',
      ].join('\n'),
    );
  });

  it('gives the tail as it is when there are no error lines', () => {
    expect(mavenErrors('[INFO] a\n\nsomething odd\n')).toBe('[INFO] a\nsomething odd');
  });
});

describe('pruneOldBuilds', () => {
  it('removes other builds unused for days, with their extracted directories, and keeps recent ones', async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'plusflow-prune-'));
    try {
      const cfg = loadConfig({ PLUSFLOW_CACHE_DIR: cacheDir });
      const now = Date.now();
      const make = (hash: string, ageMs: number) => {
        writeFileSync(appJarPath(cfg, hash), 'jar');
        mkdirSync(extractedDir(cfg, hash));
        writeFileSync(path.join(extractedDir(cfg, hash), 'startup.aot'), 'aot');
        const t = new Date(now - ageMs);
        utimesSync(appJarPath(cfg, hash), t, t);
      };
      mkdirSync(path.join(cacheDir, 'engine-app'));
      make('aaaaaaaaaaaa', 10 * PRUNE_AFTER_MS); // current, however old
      make('bbbbbbbbbbbb', 2 * PRUNE_AFTER_MS);
      make('cccccccccccc', PRUNE_AFTER_MS / 2);
      expect(await pruneOldBuilds(cfg, 'aaaaaaaaaaaa', now)).toEqual(['bbbbbbbbbbbb']);
      expect(readdirSync(path.join(cacheDir, 'engine-app')).sort()).toEqual([
        'plusflow-engine-aaaaaaaaaaaa',
        'plusflow-engine-aaaaaaaaaaaa.jar',
        'plusflow-engine-cccccccccccc',
        'plusflow-engine-cccccccccccc.jar',
      ]);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
