import { FaultConfigSchema, FaultInjector } from './faults';
import { createPrng, seedFrom } from '../../platform/prng';

describe('seeded PRNG', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const c = createPrng(43);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
  });

  it('keeps int() within its bounds and reaches both ends', () => {
    const rng = createPrng(7);
    const seen = new Set(Array.from({ length: 500 }, () => rng.int(1, 3)));
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });

  it('derives stable seeds from text', () => {
    expect(seedFrom('viis:010185-10008')).toBe(seedFrom('viis:010185-10008'));
    expect(seedFrom('viis:010185-10008')).not.toBe(seedFrom('vdeavk:010185-10008'));
  });
});

describe('fault injection', () => {
  const draw = (inj: FaultInjector, n: number, endpoint = 'POST /x') =>
    Array.from({ length: n }, () => inj.plan(endpoint));

  it('injects errors at the configured rate, reproducibly for a seed', () => {
    const a = new FaultInjector();
    a.configure({ errorRate: 0.3, errorStatus: 502, seed: 99 });
    const plans = draw(a, 4000);
    const errors = plans.filter((p) => p.errorStatus === 502).length;
    expect(errors / 4000).toBeGreaterThan(0.27);
    expect(errors / 4000).toBeLessThan(0.33);
    expect(a.counts.error).toBe(errors);

    const b = new FaultInjector();
    b.configure({ errorRate: 0.3, errorStatus: 502, seed: 99 });
    expect(draw(b, 4000)).toEqual(plans);
  });

  it('restarts the chaos when the same configuration is set again', () => {
    const inj = new FaultInjector();
    inj.configure({ errorRate: 0.5, seed: 5 });
    const first = draw(inj, 50);
    inj.configure({ errorRate: 0.5, seed: 5 });
    expect(draw(inj, 50)).toEqual(first);
  });

  it('draws the same numbers whatever the configuration, so rates change outcomes, not the sequence', () => {
    const low = new FaultInjector();
    low.configure({ errorRate: 0.1, seed: 3 });
    const high = new FaultInjector();
    high.configure({ errorRate: 0.5, seed: 3 });
    const l = draw(low, 1000).map((p) => p.errorStatus !== null);
    const h = draw(high, 1000).map((p) => p.errorStatus !== null);
    // every request that fails at 10 % also fails at 50 %
    l.forEach((failed, i) => failed && expect(h[i]).toBe(true));
  });

  it('makes timeouts and errors exclusive and keeps latency within its range', () => {
    const inj = new FaultInjector();
    inj.configure({ errorRate: 0.5, timeoutRate: 0.5, latencyMs: { min: 10, max: 20 }, seed: 11 });
    const plans = draw(inj, 1000);
    expect(plans.some((p) => p.timeout && p.errorStatus !== null)).toBe(false);
    expect(plans.every((p) => p.latencyMs >= 10 && p.latencyMs <= 20)).toBe(true);
    const timeouts = plans.filter((p) => p.timeout).length / 1000;
    expect(timeouts).toBeGreaterThan(0.45);
    expect(timeouts).toBeLessThan(0.55);
  });

  it('limits faults to the endpoints named', () => {
    const inj = new FaultInjector();
    inj.configure({ errorRate: 1, endpoints: ['POST /execution-notices'] });
    expect(inj.plan('GET /outbox').errorStatus).toBeNull();
    expect(inj.plan('POST /execution-notices').errorStatus).toBe(503);
  });

  it('duplicates outbox deliveries at the configured rate', () => {
    const inj = new FaultInjector();
    inj.configure({ duplicateDeliveryRate: 0.25, seed: 8 });
    const dups = Array.from({ length: 4000 }, () => inj.duplicateDelivery()).filter(Boolean).length / 4000;
    expect(dups).toBeGreaterThan(0.22);
    expect(dups).toBeLessThan(0.28);
  });

  it('rejects impossible configurations', () => {
    expect(FaultConfigSchema.safeParse({ errorRate: 1.5 }).success).toBe(false);
    expect(FaultConfigSchema.safeParse({ latencyMs: { min: 50, max: 10 } }).success).toBe(false);
    expect(FaultConfigSchema.safeParse({ errorStatus: 200 }).success).toBe(false);
    expect(FaultConfigSchema.safeParse({ surprise: true }).success).toBe(false);
    expect(FaultConfigSchema.parse({})).toMatchObject({
      errorRate: 0,
      errorStatus: 503,
      timeoutRate: 0,
      duplicateDeliveryRate: 0,
    });
  });
});
