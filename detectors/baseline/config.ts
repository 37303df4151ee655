import { z } from 'zod';
import { ConfigError } from '../../events/errors.js';

const MiB = 1024 * 1024;

/**
 * Thresholds of the flow baselines, with the defaults the scenario evaluation (`bench/flows-eval.bench.ts`)
 * was tuned on. Scores are robust z-scores in log2(bytes) space: (x − median) / max(1.4826·MAD, minSpreadLog2).
 */
export const BaselineConfigSchema = z.strictObject({
  /** Width of a time bucket (seconds); seasonality is by hour of week, so it must divide 3600. */
  bucketSeconds: z.number().int().positive().default(600),
  /** Buckets an hour-of-week slot needs before it is the reference (else hour of day, else all). */
  minSlotSamples: z.number().int().positive().default(3),
  /** Active buckets before an entity leaves cold start (until then: absolute limits only, no novelty). */
  coldStartBuckets: z.number().int().nonnegative().default(36),
  /** …and time since its first bucket: three days, so a daily job has been seen three times at its hour. */
  coldStartSeconds: z
    .number()
    .int()
    .nonnegative()
    .default(3 * 86_400),
  /** Cold start: egress in one bucket that opens an incident regardless of history. */
  coldStartIncidentBytes: z
    .number()
    .positive()
    .default(2048 * MiB),
  /** Floor of the spread in log2 units (0.5 = a factor of √2): tiny MADs must not make noise look huge. */
  minSpreadLog2: z.number().positive().default(0.5),
  volumeSignalZ: z.number().positive().default(4),
  volumeIncidentZ: z.number().positive().default(8),
  volumeSignalBytes: z.number().nonnegative().default(MiB),
  volumeIncidentBytes: z
    .number()
    .nonnegative()
    .default(64 * MiB),
  /** A bucket is normal, whatever its score, when its reference holds this many buckets at least half as big (daily jobs). */
  recurringMin: z.number().int().positive().default(3),
  /** Learning clips a bucket at median + clipZ·spread so an exfiltration does not become the norm. */
  clipZ: z.number().positive().default(2),
  /** Sustained (slow and low) egress: window length in buckets and the Stouffer score that opens. */
  sustainedWindowBuckets: z.number().int().positive().default(36),
  sustainedIncidentZ: z.number().positive().default(10),
  sustainedIncidentBytes: z
    .number()
    .nonnegative()
    .default(128 * MiB),
  /** A destination (/24 or /48, or AWS service, and port) counts as new for this long after first contact. */
  noveltyWindowSeconds: z.number().int().positive().default(86_400),
  newDestSignalBytes: z.number().nonnegative().default(MiB),
  newDestIncidentBytes: z
    .number()
    .positive()
    .default(100 * MiB),
  /** Entities talking to more destinations than this are not novelty-scored (crawlers, proxies). */
  maxPeersPerEntity: z.number().int().positive().default(2000),
  /** Distinct rejected destinations in a bucket that raise a recon signal, and open an incident. */
  reconSignalDistinct: z.number().int().positive().default(20),
  reconIncidentDistinct: z.number().int().positive().default(100),
});
export type BaselineConfig = z.infer<typeof BaselineConfigSchema>;
export type BaselineConfigInput = z.input<typeof BaselineConfigSchema>;

/** Defaults filled in and checked; a typo or a bad value fails with the setting's name. */
export function resolveBaselineConfig(input: BaselineConfigInput = {}): BaselineConfig {
  const parsed = BaselineConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || i.code}: ${i.message}`);
    throw new ConfigError(`flow baseline config: ${issues.join('; ')}`);
  }
  if (3600 % parsed.data.bucketSeconds !== 0) {
    throw new ConfigError(`flow baseline config: bucketSeconds must divide 3600, found ${parsed.data.bucketSeconds}`);
  }
  return parsed.data;
}
