export { icaoCheckDigit, iso7064Mod11_10, luhn, mod97, verhoeff } from './checksums.js';
export { Compression, sniffCompression } from './decoders.js';
export { DecodeLimitError, FingerprintKeyError, RecognizerRegistryError } from './errors.js';
export { createFingerprinter, MIN_FINGERPRINT_KEY_BYTES } from './fingerprint.js';
export { type MultipartPart, multipartBoundary, splitMultipart } from './multipart.js';
export { buildRegistry, FIELD_RECOGNIZERS, RECOGNIZERS } from './registry.js';
export { scanBuffer } from './scan-buffer.js';
export { type DecodeLimit, LimitKind } from './scan-state.js';
export { createScanner, type PiiScanner, type ScanOptions, type ScanReport } from './scanner.js';
export { scanStream } from './stream.js';
export {
  DataCategory,
  jurisdictionOf,
  type PiiSummary,
  summarizeDetections,
  TYPE_CATEGORY,
  type TypeSummary,
} from './summary.js';
export {
  type Detection,
  type FieldRecognizer,
  type NoMatchExample,
  PiiType,
  type Recognizer,
  type Verdict,
} from './types.js';
