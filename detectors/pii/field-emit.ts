/** A field recognizer's value reported as a hit, once its shape and the confidence floor allow it. */
import type { Engine, Hit } from './engine.js';
import type { FieldRecognizer } from './types.js';

/** @internal Reports `value` (decoded, at `[start, end)`) as `rec`'s type when it has the field's shape. */
export function emit(
  rec: FieldRecognizer,
  value: string,
  start: number,
  end: number,
  engine: Engine,
  out: Hit[],
): void {
  const trimmed = value.trim();
  if (!rec.value.test(trimmed) || rec.confidence < engine.minConfidence) return;
  out.push({
    type: rec.type,
    fineType: rec.fineType,
    start,
    end,
    validated: false,
    confidence: rec.confidence,
    normalized: trimmed.replace(/\s+/g, ' ').toLowerCase(),
  });
}
