import type { FieldRecognizer } from '../types.js';

/** Person names by field name (JSON keys, form and query fields, XML elements, CSV columns); free text names need NLP. */
export const personNameField: FieldRecognizer = {
  id: 'person-name-field',
  type: 'PERSON_NAME',
  fineType: 'PERSON_NAME',
  description: 'Name of a person, taken from a structured field such as first_name or cardholder.',
  fields: [
    'firstname',
    'lastname',
    'fullname',
    'givenname',
    'familyname',
    'surname',
    'middlename',
    'forename',
    'customername',
    'patientname',
    'cardholder',
    'cardholdername',
    'holdername',
    'accountholder',
    'contactname',
    'recipientname',
    'billingname',
    'shippingname',
    'vorname',
    'nachname',
    'nombre',
    'apellido',
    'apellidos',
    'prenom',
    'nom',
    'displayname',
  ],
  value: /^[A-Za-z\u0080-\u00ff][A-Za-z\u0080-\u00ff'. -]{0,78}[A-Za-z\u0080-\u00ff.]$/,
  confidence: 0.8,
  examples: {
    match: [
      { field: 'first_name', value: 'Ada' },
      { field: 'lastName', value: "O'Neill" },
      { field: 'cardholder', value: 'Jane Q Doe' },
    ],
    noMatch: [
      { field: 'product_name', value: 'Widget Pro', why: 'not a person field' },
      { field: 'first_name', value: '12345', why: 'no letters: not a name' },
    ],
  },
};

/** Street addresses by field name. */
export const streetAddressField: FieldRecognizer = {
  id: 'street-address-field',
  type: 'STREET_ADDRESS',
  fineType: 'STREET_ADDRESS',
  description: 'Postal street address, taken from a structured field such as address_line1 or street.',
  fields: [
    'street',
    'streetaddress',
    'address',
    'addressline1',
    'addressline2',
    'address1',
    'address2',
    'billingaddress',
    'shippingaddress',
    'homeaddress',
    'postaladdress',
    'strasse',
    'adresse',
    'direccion',
    'line1',
  ],
  // two words or more (a street and a number, or a street name of two words): a lone token under `address` is a
  // host, a wallet or a memory address (`localhost`, `0xde0b…`), or a placeholder (`unknown`)
  value:
    /^(?=.*[A-Za-z])(?=.*[A-Za-z0-9\u0080-\u00ff][ ,]+[A-Za-z0-9\u0080-\u00ff])[A-Za-z0-9\u0080-\u00ff'.,#/ -]{4,200}$/,
  confidence: 0.8,
  examples: {
    match: [
      { field: 'address_line1', value: '221B Baker Street' },
      { field: 'street', value: 'Hauptstrasse 5' },
      { field: 'address', value: 'Rue de Rivoli' },
    ],
    noMatch: [
      { field: 'ip_address', value: 'edge proxy', why: 'an ip_address field is not a postal address' },
      { field: 'street', value: 'x', why: 'too short to be an address' },
      { field: 'address', value: 'localhost', why: 'one token: a host name, not a street' },
      { field: 'address', value: '0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae', why: 'one token: a wallet address' },
    ],
  },
};

/** Passwords and secrets by field name: a login form, a config dump, a `.env` file or a credentials export. */
export const secretField: FieldRecognizer = {
  id: 'secret-field',
  type: 'CREDENTIAL',
  fineType: 'SECRET',
  description: 'Password or secret, taken from a structured field such as password or client_secret.',
  fields: [
    'password',
    'passwd',
    'pwd',
    'passphrase',
    'passwort',
    'contrasena',
    'motdepasse',
    'secret',
    'clientsecret',
    'apisecret',
    'apikey',
    'secretkey',
    'secretaccesskey',
    'awssecretaccesskey',
    'accesstoken',
    'refreshtoken',
    'authtoken',
  ],
  // one word of 6 or more characters that is not a mask, a placeholder or a template variable
  value:
    /^(?!(?:\*+|x+|•+|null|none|undefined|true|false|string|redacted|\[redacted\]|\[filtered\]|<.*>|\$\{.*\}|\{\{.*\}\}|%.*%|changeme|password)$)\S{6,256}$/i,
  confidence: 0.8,
  examples: {
    match: [
      { field: 'password', value: 'hunter2Secret!' },
      { field: 'AWS_SECRET_ACCESS_KEY', value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
      { field: 'client_secret', value: 'c9a1f0e7b2d4' },
    ],
    noMatch: [
      { field: 'password', value: '********', why: 'masked' },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal placeholder, as configuration files hold it
      { field: 'password', value: '${DB_PASSWORD}', why: 'a template variable' },
      { field: 'secret', value: 'abc', why: 'too short to be a secret' },
      { field: 'password_hint', value: 'first pet', why: 'not a secret field' },
    ],
  },
};
