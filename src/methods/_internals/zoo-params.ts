/** Parameter checks shared by the RLVR-zoo rules; `rule` names the rule in messages. */
import { UsageError } from '../../errors.ts';

export function checkEta(rule: string, eta: number): void {
  if (!(eta > 0) || !Number.isFinite(eta)) throw new UsageError(`${rule}: eta must be a positive number, got ${eta}`);
}

export function checkGroup(rule: string, group: number, least = 2): void {
  if (!Number.isInteger(group) || group < least) throw new UsageError(`${rule}: group must be an integer >= ${least}, got ${group}`);
}

/** `1 <= k <= G`. */
export function checkK(rule: string, k: number, group: number): void {
  if (!Number.isInteger(k) || k < 1 || k > group) throw new UsageError(`${rule}: k must be an integer from 1 to the group size ${group}, got ${k}`);
}
