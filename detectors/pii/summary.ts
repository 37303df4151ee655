import type { Detection, PiiType } from './types.js';

/** GDPR data categories used in Art. 33(3)(a) notifications and the register. */
export const DataCategory = {
  CONTACT: 'contact',
  BASIC_IDENTITY: 'basic-identity',
  FINANCIAL: 'financial',
  NATIONAL_IDENTIFIER: 'national-identifier',
  ONLINE_IDENTIFIER: 'online-identifier',
  SPECIAL_CATEGORY: 'special-category-art9',
  CREDENTIALS: 'credentials',
} as const;
export type DataCategory = (typeof DataCategory)[keyof typeof DataCategory];

/** Category of each PII type; health identifiers are Art. 9 special category data. */
export const TYPE_CATEGORY: Readonly<Record<PiiType, DataCategory>> = {
  EMAIL: 'contact',
  PHONE: 'contact',
  POSTCODE: 'contact',
  STREET_ADDRESS: 'contact',
  PERSON_NAME: 'basic-identity',
  DATE_OF_BIRTH: 'basic-identity',
  CREDIT_CARD: 'financial',
  IBAN: 'financial',
  BANK_ACCOUNT: 'financial',
  BANK_ROUTING: 'financial',
  CRYPTO_WALLET: 'financial',
  UK_NINO: 'national-identifier',
  US_SSN: 'national-identifier',
  US_ITIN: 'national-identifier',
  NATIONAL_ID: 'national-identifier',
  TAX_ID: 'national-identifier',
  PASSPORT: 'national-identifier',
  DRIVER_LICENSE: 'national-identifier',
  IP_ADDRESS: 'online-identifier',
  MAC_ADDRESS: 'online-identifier',
  HEALTH_ID: 'special-category-art9',
  CREDENTIAL: 'credentials',
};

const FIXED_JURISDICTION: Readonly<Partial<Record<PiiType, string>>> = { UK_NINO: 'GB', US_SSN: 'US', US_ITIN: 'US' };
const COUNTRY_TYPES = new Set<PiiType>([
  'IBAN',
  'NATIONAL_ID',
  'TAX_ID',
  'HEALTH_ID',
  'PASSPORT',
  'DRIVER_LICENSE',
  'POSTCODE',
]);

/** ISO 3166 country the identifier belongs to (IBAN country, national-ID country), if it carries one. */
export function jurisdictionOf(d: Pick<Detection, 'type' | 'fineType'>): string | undefined {
  const fixed = FIXED_JURISDICTION[d.type];
  if (fixed) return fixed;
  if (!COUNTRY_TYPES.has(d.type)) return undefined;
  const prefix = /^([A-Z]{2})_/.exec(d.fineType)?.[1];
  return prefix === 'UK' ? 'GB' : prefix;
}

/** Per-type counts: detections, distinct fingerprints (≈ data subjects or records), validated ones. */
export interface TypeSummary {
  detections: number;
  distinct: number;
  validated: number;
  category: DataCategory;
  jurisdictions: string[];
}

/** What a scan found, without any value: the basis of Art. 33(3)(a) "categories and approximate number". */
export interface PiiSummary {
  detections: number;
  /** Distinct fingerprints over all types. */
  distinct: number;
  byType: Partial<Record<PiiType, TypeSummary>>;
  categories: DataCategory[];
  /** True when Art. 9 special category data (health) is present. */
  art9: boolean;
  jurisdictions: string[];
}

/**
 * Counts detections and distinct fingerprints per type and maps them to GDPR categories and jurisdictions.
 * @example summarizeDetections(report.detections).byType.IBAN?.distinct
 */
export function summarizeDetections(detections: readonly Detection[]): PiiSummary {
  const prints = new Map<PiiType, Set<string>>();
  const juris = new Map<PiiType, Set<string>>();
  const byType: Partial<Record<PiiType, TypeSummary>> = {};
  const all = new Set<string>();
  for (const d of detections) {
    const t = byType[d.type] ?? {
      detections: 0,
      distinct: 0,
      validated: 0,
      category: TYPE_CATEGORY[d.type],
      jurisdictions: [],
    };
    byType[d.type] = t;
    t.detections++;
    if (d.validated) t.validated++;
    const set = prints.get(d.type) ?? new Set<string>();
    set.add(d.fingerprint);
    prints.set(d.type, set);
    all.add(d.fingerprint);
    const j = jurisdictionOf(d);
    if (j) juris.set(d.type, (juris.get(d.type) ?? new Set<string>()).add(j));
  }
  for (const [type, set] of prints) {
    const t = byType[type];
    if (!t) continue;
    t.distinct = set.size;
    t.jurisdictions = [...(juris.get(type) ?? [])].sort();
  }
  const categories = [...new Set(Object.values(byType).map((t) => t.category))].sort();
  return {
    detections: detections.length,
    distinct: all.size,
    byType,
    categories,
    art9: categories.includes(DataCategory.SPECIAL_CATEGORY),
    jurisdictions: [...new Set(Object.values(byType).flatMap((t) => t.jurisdictions))].sort(),
  };
}
