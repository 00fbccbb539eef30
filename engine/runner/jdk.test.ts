import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserFacingError } from '../../platform/errors';
import { findJava, majorOf } from './jdk';

function fakeJdk(root: string, name: string, version: string, opts: { release?: boolean } = {}): string {
  const home = path.join(root, name);
  mkdirSync(path.join(home, 'bin'), { recursive: true });
  // Without a release file, findJava runs `bin/java -version`, which prints to stderr like a real JDK.
  writeFileSync(path.join(home, 'bin', 'java'), `#!/bin/sh\necho 'openjdk version "${version}" 2025-01-01' >&2\n`, {
    mode: 0o755,
  });
  if (opts.release !== false)
    writeFileSync(path.join(home, 'release'), `IMPLEMENTOR="Test"\nJAVA_VERSION="${version}"\n`);
  return home;
}

function errorOf(fn: () => unknown): UserFacingError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UserFacingError);
    return err as UserFacingError;
  }
  throw new Error('expected a UserFacingError');
}

describe('findJava', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'jdks-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('picks the newest supported JDK from the system directory when the default is too old', () => {
    fakeJdk(root, 'java-17-openjdk-amd64', '17.0.15');
    fakeJdk(root, 'temurin-21-jdk', '21.0.5');
    fakeJdk(root, 'temurin-25-jdk-amd64', '25.0.3');
    expect(findJava(21, { env: {}, systemDirs: [root] })).toMatchObject({
      major: 25,
      version: '25.0.3',
      source: 'system',
    });
  });

  it('skips a too-old JAVA_HOME for a system JDK', () => {
    const old = fakeJdk(root, 'java-17-openjdk-amd64', '17.0.15');
    fakeJdk(root, 'temurin-25-jdk-amd64', '25.0.3');
    expect(findJava(21, { env: { JAVA_HOME: old }, systemDirs: [root] })).toMatchObject({
      major: 25,
      source: 'system',
    });
  });

  it('prefers JAVA_HOME when it is in the supported range', () => {
    const home = fakeJdk(root, 'temurin-21-jdk', '21.0.5');
    fakeJdk(root, 'temurin-25-jdk-amd64', '25.0.3');
    expect(findJava(21, { env: { JAVA_HOME: home }, systemDirs: [root] })).toMatchObject({ home, source: 'JAVA_HOME' });
  });

  it('prefers a tested major over an untested newer one, and uses the newer one only when alone', () => {
    const newer = fakeJdk(root, 'jdk-27', '27');
    fakeJdk(root, 'jdk-21', '21.0.1');
    expect(findJava(21, { env: { JAVA_HOME: newer }, systemDirs: [root] }).major).toBe(21);
    rmSync(path.join(root, 'jdk-21'), { recursive: true });
    expect(findJava(21, { env: {}, systemDirs: [root] }).major).toBe(27);
  });

  it('asks bin/java for the version when there is no release file', () => {
    fakeJdk(root, 'custom-jdk', '22.0.2', { release: false });
    expect(findJava(21, { env: {}, systemDirs: [root] })).toMatchObject({ major: 22, version: '22.0.2' });
  });

  it('finds macOS bundles under Contents/Home and lists symlinked aliases once', () => {
    const bundle = path.join(root, 'temurin-21.jdk');
    mkdirSync(path.join(bundle, 'Contents'), { recursive: true });
    fakeJdk(path.join(bundle, 'Contents'), 'Home', '21.0.4');
    expect(findJava(21, { env: {}, systemDirs: [root] }).home).toBe(path.join(bundle, 'Contents', 'Home'));

    const other = mkdtempSync(path.join(os.tmpdir(), 'jdks-'));
    const real = fakeJdk(other, 'java-17-openjdk-amd64', '17.0.15');
    symlinkSync(real, path.join(other, 'java-1.17.0-openjdk-amd64'));
    const message = errorOf(() => findJava(21, { env: {}, systemDirs: [other] })).message;
    expect(message.match(/Java 17\.0\.15/g)).toHaveLength(1);
    rmSync(other, { recursive: true, force: true });
  });

  it('names every JDK found and the fix when none is new enough', () => {
    const old = fakeJdk(root, 'java-17-openjdk-amd64', '17.0.15');
    fakeJdk(root, 'java-11-openjdk-amd64', '11.0.22');
    const err = errorOf(() => findJava(21, { env: { JAVA_HOME: old }, systemDirs: [root] }));
    expect(err.problem).toContain('No Java 21 or newer');
    expect(err.problem).toContain(`${old} — Java 17.0.15 (JAVA_HOME)`);
    expect(err.problem).toContain(`${path.join(root, 'java-11-openjdk-amd64')} — Java 11.0.22`);
    expect(err.fix).toContain('Install a JDK 21–25');
    expect(err.fix).toContain('openjdk-21');
    expect(err.fix).toContain('JAVA_HOME');
  });

  it('reports a JAVA_HOME that is not a JDK', () => {
    const err = errorOf(() => findJava(21, { env: { JAVA_HOME: path.join(root, 'missing') }, systemDirs: [root] }));
    expect(err.problem).toContain(`${path.join(root, 'missing')} (JAVA_HOME) — no bin/java`);
  });

  it('parses old and new version strings', () => {
    expect(majorOf('1.8.0_392')).toBe(8);
    expect(majorOf('17.0.15')).toBe(17);
    expect(majorOf('25')).toBe(25);
    expect(majorOf('21+35')).toBe(21);
    expect(majorOf('25-ea')).toBe(25);
  });
});
