import { runJavaOptions, startupCacheFile, startupCacheKind, trainingJavaOptions } from './java-options';

const jdk25 = { major: 25, version: '25.0.3', home: '/usr/lib/jvm/temurin-25' };
const jdk21 = { major: 21, version: '21.0.9', home: '/usr/lib/jvm/temurin-21' };

describe('java options of the engine app', () => {
  it('uses the AOT cache from JDK 25 and a CDS archive on JDK 21–24', () => {
    expect(startupCacheKind(jdk25)).toBe('aot');
    expect(startupCacheKind({ major: 26 })).toBe('aot');
    expect(startupCacheKind(jdk21)).toBe('cds');
    expect(startupCacheKind({ major: 24 })).toBe('cds');
  });

  it('names one cache per jar directory and JDK', () => {
    const a = startupCacheFile('/x', jdk25);
    expect(a).toMatch(/^\/x\/startup-java25\.0\.3-[0-9a-f]{8}\.aot$/);
    expect(startupCacheFile('/x', jdk21)).toMatch(/\.jsa$/);
    expect(startupCacheFile('/x', { ...jdk25, home: '/opt/other-25' })).not.toBe(a);
    expect(startupCacheFile('/x', { ...jdk25, version: '25.0.4' })).not.toBe(a);
  });

  it('runs C1 only after the configured options, with the cache only when given', () => {
    expect(runJavaOptions(jdk25, '-Xmx1g')).toEqual(['-Xmx1g', '-XX:TieredStopAtLevel=1']);
    expect(runJavaOptions(jdk25, ' -Xmx1g  -Dx=y ', '/c/app.aot')).toEqual([
      '-Xmx1g',
      '-Dx=y',
      '-XX:TieredStopAtLevel=1',
      '-XX:AOTCache=/c/app.aot',
    ]);
    expect(runJavaOptions(jdk21, '', '/c/app.jsa')).toEqual([
      '-XX:TieredStopAtLevel=1',
      '-XX:SharedArchiveFile=/c/app.jsa',
    ]);
  });

  it('leaves the compilers alone when the configuration chooses them', () => {
    expect(runJavaOptions(jdk25, '-XX:TieredStopAtLevel=4')).toEqual(['-XX:TieredStopAtLevel=4']);
    expect(runJavaOptions(jdk25, '-XX:-TieredCompilation')).toEqual(['-XX:-TieredCompilation']);
  });

  it('trains with the configured options, writing the cache and exiting after the context refresh', () => {
    expect(trainingJavaOptions(jdk25, '-Xmx1g -XX:AOTCache=/old.aot', '/c/t.tmp')).toEqual([
      '-Xmx1g',
      '-XX:AOTCacheOutput=/c/t.tmp',
      '-Dspring.context.exit=onRefresh',
    ]);
    expect(trainingJavaOptions(jdk21, '', '/c/t.tmp')).toEqual([
      '-XX:ArchiveClassesAtExit=/c/t.tmp',
      '-Dspring.context.exit=onRefresh',
    ]);
  });
});
