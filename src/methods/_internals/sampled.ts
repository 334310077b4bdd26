/** Small pieces of the sampled steps: the instance reward of a drawn CoT. */
import type { TaskCots } from '../../exact/correctness.ts';
import { cotIndex } from '../../sampling.ts';

/** `R_Q(o)`: 1 when `o` is a valid CoT of the task that the instance marks correct, else 0. */
export function instanceReward(tc: TaskCots, correct: readonly boolean[], o: readonly number[]): 0 | 1 {
  const i = cotIndex(tc, o);
  return i >= 0 && correct[i] ? 1 : 0;
}
