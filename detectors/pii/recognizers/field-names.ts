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
  value: /^(?=.*[A-Za-z])[A-Za-z0-9\u0080-\u00ff'.,#/ -]{4,200}$/,
  confidence: 0.8,
  examples: {
    match: [
      { field: 'address_line1', value: '221B Baker Street' },
      { field: 'street', value: 'Hauptstrasse 5' },
    ],
    noMatch: [
      { field: 'ip_address', value: 'edge proxy', why: 'an ip_address field is not a postal address' },
      { field: 'street', value: 'x', why: 'too short to be an address' },
    ],
  },
};
