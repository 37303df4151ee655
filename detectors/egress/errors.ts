import { ConfigError } from '../../events/errors.js';

/** An allowlist rule that cannot be used; names the rule index and the setting, never a payload value. */
export class EgressConfigError extends ConfigError {
  readonly ruleIndex: number;

  constructor(ruleIndex: number, problem: string) {
    super(`egress allowlist rule ${ruleIndex}: ${problem}`);
    this.name = 'EgressConfigError';
    this.ruleIndex = ruleIndex;
  }
}
