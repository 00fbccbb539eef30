import type { Simulator, SimulatorOptions } from './kit/app';
import { createEAddressSimulator } from './e-adrese';
import { createIevpSimulator } from './ievp';
import { createProisSimulator } from './prois';
import { createTisSimulator } from './tis';
import { createVdeavkSimulator } from './vdeavk';
import { createViisSimulator } from './viis';

/**
 * Every simulated external system. A new one (VID, Rīga city, EM system, unified calendar, E-lieta portal)
 * is a folder with a `create…Simulator()` built on kit/createSimulatorApp, its contract in
 * its own wire format in <system>/wire.ts (not the product's integrations/), recorded sample messages in
 * test/contracts/<system>/, and one line here.
 */
export const SIMULATOR_FACTORIES: Record<
  string,
  (options: Pick<SimulatorOptions, 'logger' | 'now' | 'seed'>) => Simulator
> = {
  tis: createTisSimulator,
  prois: createProisSimulator,
  ievp: createIevpSimulator,
  viis: createViisSimulator,
  vdeavk: createVdeavkSimulator,
  'e-adrese': createEAddressSimulator,
};

export function createAllSimulators(options: Pick<SimulatorOptions, 'logger' | 'now' | 'seed'> = {}): Simulator[] {
  return Object.values(SIMULATOR_FACTORIES).map((create) => create(options));
}
