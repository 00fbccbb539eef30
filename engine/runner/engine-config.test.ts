import { loadConfig } from '../../platform/config';
import { EXPORTER_CLASS, engineConfig, toJdbc } from './engine-config';

describe('engine configuration', () => {
  it('maps a PostgreSQL URL to JDBC with decoded credentials', () => {
    expect(toJdbc('postgresql://plus%40flow:p%3Ass%2Fw@db.internal:6543/plusflow?sslmode=require&schema=public')).toEqual({
      url: 'jdbc:postgresql://db.internal:6543/plusflow?sslmode=require',
      username: 'plus@flow',
      password: 'p:ss/w',
    });
    expect(toJdbc('postgresql://postgres@127.0.0.1/plusflow')).toEqual({ url: 'jdbc:postgresql://127.0.0.1:5432/plusflow', username: 'postgres', password: '' });
  });

  it('uses the stack ports and data directory and configures only our exporter', () => {
    const cfg = loadConfig({ PLUSFLOW_STACK: 'test', PLUSFLOW_CACHE_DIR: '/tmp/c' });
    const c = engineConfig(cfg, 'postgresql://postgres@127.0.0.1:5432/plusflow_test', '/tmp/x.jar') as {
      server: { port: number };
      management: { server: { port: number } };
      zeebe: { broker: { gateway: { network: { port: number } }; data: { directory: string }; exporters: Record<string, { className: string; jarPath: string; args: { url: string } }> } };
    };
    expect(c.server.port).toBe(8180);
    expect(c.management.server.port).toBe(9700);
    expect(c.zeebe.broker.gateway.network.port).toBe(26600);
    expect(c.zeebe.broker.data.directory).toBe('/tmp/c/test/engine-data');
    expect(Object.keys(c.zeebe.broker.exporters)).toEqual(['plusflow']);
    expect(c.zeebe.broker.exporters.plusflow).toMatchObject({ className: EXPORTER_CLASS, jarPath: '/tmp/x.jar', args: { url: 'jdbc:postgresql://127.0.0.1:5432/plusflow_test' } });
  });
});
