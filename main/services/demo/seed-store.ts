// PLACEHOLDER — replaced by the demo-store generator.
import type { ServiceContext } from '../context';
export interface SeedOptions { customers: number; seed: number; today?: Date }
export interface SeedResult { customers: number; purchases: number; interactions: number; clerks: number; ms: number }
export function seedDemoStore(_ctx: ServiceContext, _opts: SeedOptions): SeedResult {
  throw new Error('demo store generator not written yet');
}
