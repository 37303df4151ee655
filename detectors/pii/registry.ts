import { RecognizerRegistryError } from './errors.js';
import { bankAccount, bankRouting } from './recognizers/bank-numbers.js';
import { awsAccessKey, jwt, platformToken, privateKey } from './recognizers/credentials.js';
import { creditCard } from './recognizers/credit-card.js';
import { cryptoWallet, cryptoWalletBech32 } from './recognizers/crypto-wallet.js';
import { dateOfBirth } from './recognizers/date-of-birth.js';
import { deIdCard, dePassport } from './recognizers/de-id-card.js';
import { deKvnr } from './recognizers/de-kvnr.js';
import { deSocialSecurity } from './recognizers/de-social-security.js';
import { deTaxId } from './recognizers/de-tax-id.js';
import { deTaxNumber } from './recognizers/de-tax-number.js';
import { email } from './recognizers/email.js';
import { esDniNie } from './recognizers/es-dni-nie.js';
import { fiHetu } from './recognizers/fi-hetu.js';
import { personNameField, streetAddressField } from './recognizers/field-names.js';
import { frNir } from './recognizers/fr-nir.js';
import { iban } from './recognizers/iban.js';
import { ipAddress } from './recognizers/ip-address.js';
import { itCodiceFiscale } from './recognizers/it-codice-fiscale.js';
import { macAddress } from './recognizers/mac-address.js';
import { nlBsn } from './recognizers/nl-bsn.js';
import { passport } from './recognizers/passport.js';
import { passportMrz } from './recognizers/passport-mrz.js';
import { phone } from './recognizers/phone.js';
import { plPesel } from './recognizers/pl-pesel.js';
import { dePlz, ukPostcode } from './recognizers/postcode.js';
import { sePersonnummer } from './recognizers/se-personnummer.js';
import { ukDrivingLicence } from './recognizers/uk-driving-licence.js';
import { ukNhs } from './recognizers/uk-nhs.js';
import { ukNino } from './recognizers/uk-nino.js';
import { usItin } from './recognizers/us-itin.js';
import { usMbi } from './recognizers/us-mbi.js';
import { usSsn } from './recognizers/us-ssn.js';
import type { FieldRecognizer, Recognizer } from './types.js';

/** Checks ids are unique and kebab-case, then returns the list sorted by id (deterministic order). */
export function buildRegistry<T extends { id: string }>(items: readonly T[]): readonly T[] {
  const seen = new Set<string>();
  for (const item of items) {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(item.id))
      throw new RecognizerRegistryError(item.id, 'id must be kebab-case');
    if (seen.has(item.id)) throw new RecognizerRegistryError(item.id, 'duplicate id');
    seen.add(item.id);
  }
  return [...items].sort((a, b) => a.id.localeCompare(b.id));
}

/** Every pattern recognizer, alphabetical by id. */
export const RECOGNIZERS: readonly Recognizer[] = buildRegistry([
  awsAccessKey,
  bankAccount,
  bankRouting,
  creditCard,
  cryptoWallet,
  cryptoWalletBech32,
  dateOfBirth,
  deIdCard,
  deKvnr,
  dePassport,
  dePlz,
  deSocialSecurity,
  deTaxId,
  deTaxNumber,
  email,
  esDniNie,
  fiHetu,
  frNir,
  iban,
  ipAddress,
  itCodiceFiscale,
  jwt,
  macAddress,
  nlBsn,
  passport,
  passportMrz,
  phone,
  platformToken,
  plPesel,
  privateKey,
  sePersonnummer,
  ukDrivingLicence,
  ukNhs,
  ukNino,
  ukPostcode,
  usItin,
  usMbi,
  usSsn,
]);

/** Every field-name recognizer (structured bodies). */
export const FIELD_RECOGNIZERS: readonly FieldRecognizer[] = buildRegistry([personNameField, streetAddressField]);
