import { describe, expect, test } from 'vitest';
import { UsageError } from '../errors.ts';
import { paperTmc } from '../paper/reference.ts';
import { gibbs } from './gibbs-step.ts';
import { grpoKl } from './grpo-kl.ts';
import { grpo } from './grpo.ts';
import { BUILTIN_RULE_NAMES, RULE_NAMES, ZOO_RULE_NAMES, builtinRules, ruleByName, zooRules } from './index.ts';
import { klOptimum, optimalRegularizedValue, regularizedObjective } from './kl-optimum.ts';
import { ppo } from './ppo.ts';
import { raft } from './raft.ts';
import { reinforce } from './reinforce.ts';
import { rlRej } from './rl-rej.ts';
import { trainContext, type UpdateRule } from './update-rule.ts';

const summary = (r: UpdateRule) => [r.name, r.family, r.params];

describe('the built-in update rules and their names', () => {
  test('builtinRules: every rule of SPEC §4 with its default parameters, in SPEC order', () => {
    expect(builtinRules().map(summary)).toStrictEqual([
      ['reinforce', 'rlvr', { eta: 1 }],
      ['raft', 'rlvr', { eta: 1 }],
      ['ppo', 'rlvr', { eta: 1, eps: 0.2, epochs: 4, batch: 8 }],
      ['grpo', 'rlvr', { eta: 1, group: 8 }],
      ['grpo-kl', 'kl-regularized', { eta: 1, group: 8, beta: 1 }],
      ['rl-rej', 'rejection', { eta: 1, n: 5, filter: 'current' }],
      ['gibbs-step', 'kl-regularized', { beta: 1, rollouts: 16 }],
    ]);
    expect(BUILTIN_RULE_NAMES).toStrictEqual(builtinRules().map((r) => r.name));
  });

  test('zooRules: every variant of SPEC §9 with its default parameters; ruleByName knows both lists', () => {
    expect(zooRules().map(summary)).toStrictEqual([
      ['rloo', 'rlvr', { eta: 1, group: 8 }],
      ['dr-grpo', 'rlvr', { eta: 1, group: 8 }],
      ['dapo', 'rlvr', { eta: 1, group: 8, maxDraws: 100 }],
      ['passk', 'rlvr', { eta: 1, group: 8, k: 4 }],
      ['pkpo', 'rejection', { eta: 1, group: 8, k: 2 }],
      ['psr', 'rlvr', { eta: 1, group: 1 }],
      ['nsr', 'rlvr', { eta: 1, group: 1 }],
      ['w-reinforce', 'rlvr', { eta: 1, group: 1, lambda: 0.1 }],
      ['unlikeliness', 'rlvr', { eta: 1, group: 4, penalty: 0.25 }],
      ['entropy-bonus', 'kl-regularized', { eta: 1, alpha: 0.1 }],
    ]);
    expect(ZOO_RULE_NAMES).toStrictEqual(zooRules().map((r) => r.name));
    expect(RULE_NAMES).toStrictEqual([...BUILTIN_RULE_NAMES, ...ZOO_RULE_NAMES]);
    const p = { eta: 0.5, group: 4, k: 3, lambda: 0.2, penalty: 0.5, alpha: 0.7 };
    expect(['passk', 'pkpo', 'w-reinforce', 'unlikeliness', 'entropy-bonus'].map((name) => ruleByName(name, p).params)).toStrictEqual([
      { eta: 0.5, group: 4, k: 3 },
      { eta: 0.5, group: 4, k: 3 },
      { eta: 0.5, group: 1, lambda: 0.2 },
      { eta: 0.5, group: 4, penalty: 0.5 },
      { eta: 0.5, alpha: 0.7 },
    ]);
  });

  test('ruleByName passes each rule the parameters it reads', () => {
    const p = { eta: 0.5, eps: 0.1, epochs: 2, batch: 3, group: 4, beta: 2, n: 3, filter: 'base', rollouts: 5 } as const;
    expect(BUILTIN_RULE_NAMES.map((name) => summary(ruleByName(name, p)))).toStrictEqual([
      ['reinforce', 'rlvr', { eta: 0.5 }],
      ['raft', 'rlvr', { eta: 0.5 }],
      ['ppo', 'rlvr', { eta: 0.5, eps: 0.1, epochs: 2, batch: 3 }],
      ['grpo', 'rlvr', { eta: 0.5, group: 4 }],
      ['grpo-kl', 'kl-regularized', { eta: 0.5, group: 4, beta: 2 }],
      ['rl-rej', 'rejection', { eta: 0.5, n: 3, filter: 'base' }],
      ['gibbs-step', 'kl-regularized', { beta: 2, rollouts: 5 }],
    ]);
  });

  test('an unknown name is a usage error listing the known ones', () => {
    expect(() => ruleByName('dpo')).toThrow(new UsageError(`unknown method "dpo"; methods: ${RULE_NAMES.join(', ')}`));
  });

  test.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('%s, found on Object.prototype, is no method', (name) => {
    expect(() => ruleByName(name)).toThrow(new UsageError(`unknown method "${name}"; methods: ${RULE_NAMES.join(', ')}`));
  });
});

describe('parameters are checked on entry, each message naming the rule', () => {
  const cases: [string, () => unknown, string][] = [
    ['reinforce eta 0', () => reinforce({ eta: 0 }), 'reinforce: eta must be a positive number, got 0'],
    ['reinforce eta Infinity', () => reinforce({ eta: Infinity }), 'reinforce: eta must be a positive number, got Infinity'],
    ['raft eta 0', () => raft({ eta: 0 }), 'raft: eta must be a positive number, got 0'],
    ['raft eta NaN', () => raft({ eta: NaN }), 'raft: eta must be a positive number, got NaN'],
    ['raft eta Infinity', () => raft({ eta: Infinity }), 'raft: eta must be a positive number, got Infinity'],
    ['raft maxTries 0', () => raft({ maxTries: 0 }), 'raft: maxTries must be a positive integer, got 0'],
    ['raft maxTries 1.5', () => raft({ maxTries: 1.5 }), 'raft: maxTries must be a positive integer, got 1.5'],
    ['ppo eta 0', () => ppo({ eta: 0 }), 'ppo: eta must be a positive number, got 0'],
    ['ppo eta -1', () => ppo({ eta: -1 }), 'ppo: eta must be a positive number, got -1'],
    ['ppo eta Infinity', () => ppo({ eta: Infinity }), 'ppo: eta must be a positive number, got Infinity'],
    ['ppo eps 0', () => ppo({ eps: 0 }), 'ppo: eps must be in (0, 1), got 0'],
    ['ppo eps 1', () => ppo({ eps: 1 }), 'ppo: eps must be in (0, 1), got 1'],
    ['ppo epochs 0', () => ppo({ epochs: 0 }), 'ppo: epochs must be a positive integer, got 0'],
    ['ppo epochs 1.5', () => ppo({ epochs: 1.5 }), 'ppo: epochs must be a positive integer, got 1.5'],
    ['ppo batch 0', () => ppo({ batch: 0 }), 'ppo: batch must be a positive integer, got 0'],
    ['ppo batch 2.5', () => ppo({ batch: 2.5 }), 'ppo: batch must be a positive integer, got 2.5'],
    ['grpo eta 0', () => grpo({ eta: 0 }), 'grpo: eta must be a positive number, got 0'],
    ['grpo eta Infinity', () => grpo({ eta: Infinity }), 'grpo: eta must be a positive number, got Infinity'],
    ['grpo group 1', () => grpo({ group: 1 }), 'grpo: group must be an integer >= 2, got 1'],
    ['grpo group 2.5', () => grpo({ group: 2.5 }), 'grpo: group must be an integer >= 2, got 2.5'],
    ['grpo-kl group 1', () => grpoKl({ group: 1 }), 'grpo-kl: group must be an integer >= 2, got 1'],
    ['grpo-kl eta 0', () => grpoKl({ eta: 0 }), 'grpo-kl: eta must be a positive number, got 0'],
    ['grpo-kl beta 0', () => grpoKl({ beta: 0 }), 'grpo-kl: beta must be a positive number, got 0'],
    ['grpo-kl beta Infinity', () => grpoKl({ beta: Infinity }), 'grpo-kl: beta must be a positive number, got Infinity'],
    ['rl-rej eta 0', () => rlRej({ eta: 0 }), 'rl-rej: eta must be a positive number, got 0'],
    ['rl-rej eta Infinity', () => rlRej({ eta: Infinity }), 'rl-rej: eta must be a positive number, got Infinity'],
    ['rl-rej n 0', () => rlRej({ n: 0 }), 'rl-rej: n must be a positive integer, got 0'],
    ['rl-rej n 1.5', () => rlRej({ n: 1.5 }), 'rl-rej: n must be a positive integer, got 1.5'],
    ['rl-rej filter', () => rlRej({ filter: 'sideways' as 'base' }), 'rl-rej: filter must be current or base, got sideways'],
    ['gibbs-step beta 0', () => gibbs({ beta: 0 }), 'gibbs-step: beta must be a positive number, got 0'],
    ['gibbs-step beta Infinity', () => gibbs({ beta: Infinity }), 'gibbs-step: beta must be a positive number, got Infinity'],
    ['gibbs-step rollouts 0', () => gibbs({ rollouts: 0 }), 'gibbs-step: rollouts must be a positive integer, got 0'],
    ['gibbs-step rollouts 1.5', () => gibbs({ rollouts: 1.5 }), 'gibbs-step: rollouts must be a positive integer, got 1.5'],
    ['kl optimum beta 0', () => klOptimum(trainContext(paperTmc(), 0), 0), 'kl optimum: beta must be a positive number, got 0'],
    ['kl optimum value beta Infinity', () => optimalRegularizedValue(trainContext(paperTmc(), 0), Infinity), 'kl optimum: beta must be a positive number, got Infinity'],
    ['kl objective beta -1', () => regularizedObjective(trainContext(paperTmc(), 0).base, trainContext(paperTmc(), 0), -1), 'kl optimum: beta must be a positive number, got -1'],
  ];
  test.each(cases)('%s', (_, make, message) => {
    expect(make).toThrow(new UsageError(message));
  });

  test('the boundaries are accepted: eps just inside (0, 1), group 2, n 1, one epoch, batch and rollout', () => {
    expect(() => [ppo({ eps: 0.999, epochs: 1, batch: 1 }), grpo({ group: 2 }), rlRej({ n: 1, filter: 'base' }), gibbs({ rollouts: 1 }), raft({ maxTries: 1 })]).not.toThrow();
  });
});
