import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserFacingError } from '../../platform/errors';
import { findJava, majorOf } from './jdk';

function fakeJdk(root: string, name: string, version: string): string {
  const home = path.join(root, name);
  mkdirSync(path.join(home, 'bin'), { recursive: true });
  writeFileSync(path.join(home, 'bin', 'java'), '#!/bin/sh\n', { mode: 0o755 });
  writeFileSync(path.join(home, 'release'), `IMPLEMENTOR="Test"\nJAVA_VERSION="${version}"\n`);
  return home;
}

describe('findJava', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'jdks-'));
  });

  it('picks the newest supported JDK from the system directory when the default is too old', () => {
    fakeJdk(root, 'java-17-openjdk-amd64', '17.0.15');
    fakeJdk(root, 'temurin-21-jdk', '21.0.5');
    fakeJdk(root, 'temurin-25-jdk-amd64', '25.0.3');
    const jdk = findJava({ env: {}, systemDirs: [root] });
    expect(jdk).toMatchObject({ major: 25, version: '25.0.3', source: 'system' });
  });

  it('prefers JAVA_HOME when it is new enough', () => {
    const home = fakeJdk(root, 'temurin-21-jdk', '21.0.5');
    fakeJdk(root, 'temurin-25-jdk-amd64', '25.0.3');
    expect(findJava({ env: { JAVA_HOME: home }, systemDirs: [root] })).toMatchObject({ home, source: 'JAVA_HOME' });
  });

  it('prefers a tested major over an untested newer one', () => {
    fakeJdk(root, 'jdk-27', '27');
    fakeJdk(root, 'jdk-21', '21.0.1');
    expect(findJava({ env: {}, systemDirs: [root] }).major).toBe(21);
  });

  it('names every JDK found and the fix when none is new enough', () => {
    const old = fakeJdk(root, 'java-17-openjdk-amd64', '17.0.15');
    let error: unknown;
    try {
      findJava({ env: { JAVA_HOME: old }, systemDirs: [root] });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UserFacingError);
    const message = (error as Error).message;
    expect(message).toContain('No Java 21 or newer');
    expect(message).toContain(`${old} — Java 17.0.15 (JAVA_HOME)`);
    expect(message).toContain('Install a JDK 21–25');
  });

  it('parses old and new version strings', () => {
    expect(majorOf('1.8.0_392')).toBe(8);
    expect(majorOf('17.0.15')).toBe(17);
    expect(majorOf('25')).toBe(25);
    expect(majorOf('21+35')).toBe(21);
  });
});
