import { RecognizerRegistryError } from './errors.js';
import { atSvnr } from './recognizers/at-svnr.js';
import { auMedicare } from './recognizers/au-medicare.js';
import { auTfn } from './recognizers/au-tfn.js';
import { bankAccount, bankRouting } from './recognizers/bank-numbers.js';
import { beNationalNumber } from './recognizers/be-national-number.js';
import { caSin } from './recognizers/ca-sin.js';
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
import { deDrivingLicence, itDrivingLicence } from './recognizers/eu-driving-licences.js';
import { fiHetu } from './recognizers/fi-hetu.js';
import { personNameField, secretField, streetAddressField } from './recognizers/field-names.js';
import { frNir } from './recognizers/fr-nir.js';
import {
  hashedBirthDateField,
  hashedEmailField,
  hashedEmailShortField,
  hashedNameField,
  hashedNameShortField,
  hashedPhoneField,
  hashedPhoneShortField,
  hashedPostcodeField,
  hashedStreetField,
} from './recognizers/hashed-fields.js';
import { hrOib } from './recognizers/hr-oib.js';
import { iban } from './recognizers/iban.js';
import { iePpsn } from './recognizers/ie-ppsn.js';
import { inAadhaar } from './recognizers/in-aadhaar.js';
import { inPan } from './recognizers/in-pan.js';
import { inVoter } from './recognizers/in-voter.js';
import { ipAddress } from './recognizers/ip-address.js';
import { itCodiceFiscale } from './recognizers/it-codice-fiscale.js';
import { itIdentityCard } from './recognizers/it-identity-card.js';
import { krDrivingLicence } from './recognizers/kr-driving-licence.js';
import { krRrn } from './recognizers/kr-rrn.js';
import { macAddress } from './recognizers/mac-address.js';
import { ngNin } from './recognizers/ng-nin.js';
import { nlBsn } from './recognizers/nl-bsn.js';
import { passport } from './recognizers/passport.js';
import { passportMrz } from './recognizers/passport-mrz.js';
import { phone } from './recognizers/phone.js';
import { plPesel } from './recognizers/pl-pesel.js';
import { fiveDigitPostcode, ukPostcode } from './recognizers/postcode.js';
import { roCnp } from './recognizers/ro-cnp.js';
import { sePersonnummer } from './recognizers/se-personnummer.js';
import { serviceKey, urlCredential } from './recognizers/service-keys.js';
import { sgNric } from './recognizers/sg-nric.js';
import { thTnin } from './recognizers/th-tnin.js';
import { trTckn } from './recognizers/tr-tckn.js';
import { ukDrivingLicence } from './recognizers/uk-driving-licence.js';
import { ukNhs } from './recognizers/uk-nhs.js';
import { ukNino } from './recognizers/uk-nino.js';
import { usItin } from './recognizers/us-itin.js';
import { usMbi } from './recognizers/us-mbi.js';
import { usSsn } from './recognizers/us-ssn.js';
import { zaId } from './recognizers/za-id.js';
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
  atSvnr,
  auMedicare,
  auTfn,
  awsAccessKey,
  bankAccount,
  bankRouting,
  beNationalNumber,
  caSin,
  creditCard,
  cryptoWallet,
  cryptoWalletBech32,
  dateOfBirth,
  deIdCard,
  deDrivingLicence,
  deKvnr,
  dePassport,
  fiveDigitPostcode,
  deSocialSecurity,
  deTaxId,
  deTaxNumber,
  email,
  esDniNie,
  fiHetu,
  frNir,
  hrOib,
  iban,
  iePpsn,
  inAadhaar,
  inPan,
  inVoter,
  ipAddress,
  itCodiceFiscale,
  itDrivingLicence,
  itIdentityCard,
  jwt,
  krDrivingLicence,
  krRrn,
  macAddress,
  ngNin,
  nlBsn,
  passport,
  passportMrz,
  phone,
  platformToken,
  plPesel,
  privateKey,
  roCnp,
  sePersonnummer,
  serviceKey,
  sgNric,
  thTnin,
  trTckn,
  ukDrivingLicence,
  ukNhs,
  ukNino,
  ukPostcode,
  urlCredential,
  usItin,
  usMbi,
  usSsn,
  zaId,
]);

/** Every field-name recognizer (structured bodies). */
export const FIELD_RECOGNIZERS: readonly FieldRecognizer[] = buildRegistry([
  personNameField,
  secretField,
  streetAddressField,
  hashedEmailShortField,
  hashedEmailField,
  hashedPhoneShortField,
  hashedPhoneField,
  hashedNameShortField,
  hashedNameField,
  hashedBirthDateField,
  hashedPostcodeField,
  hashedStreetField,
]);
