/** English texts of the notifications: category names, consequences, advice, measures and both letters. */
export const en = {
  language: 'en',
  locale: 'en-GB',
  categories: {
    contact: 'contact details (e-mail addresses, phone numbers, postal addresses)',
    'basic-identity': 'names and dates of birth',
    financial: 'financial data (bank account or payment card numbers)',
    'national-identifier': 'identification numbers (national ID, passport, tax or social security numbers)',
    'online-identifier': 'online identifiers (IP or device addresses)',
    'special-category-art9': 'health data (a special category under Art. 9 GDPR)',
    credentials: 'login credentials (passwords, access keys or tokens)',
    other: 'other personal data',
    unknown: 'personal data held in the affected system (categories still being established)',
  },
  consequences: {
    contact: 'unwanted messages, phishing and scam attempts that look genuine',
    'basic-identity': 'being impersonated in combination with other data',
    financial: 'fraudulent payments or direct debits and financial loss',
    'national-identifier': 'identity theft, such as accounts or contracts opened in your name',
    'online-identifier': 'being tracked or profiled online',
    'special-category-art9': 'disclosure of health information, discrimination or distress',
    credentials: 'someone else logging in to your account',
    other: 'misuse of the data concerned',
    unknown: 'misuse of the data concerned',
  },
  advice: {
    contact:
      'Be careful with messages that ask you to click links or give out information, even if they seem to come from us.',
    'basic-identity': 'Be wary of anyone contacting you who already knows your name and date of birth.',
    financial: 'Check your bank and card statements and tell your bank about any payment you do not recognise.',
    'national-identifier':
      'Watch for letters about accounts or contracts you did not open, and consider a credit check.',
    'online-identifier': 'No action is usually needed.',
    'special-category-art9': 'You may contact us to find out exactly which information about you was affected.',
    credentials: 'Change your password now, and on any other service where you used the same one.',
    other: 'Watch for any unusual use of your data.',
    unknown: 'Watch for any unusual use of your data.',
  },
  measures: {
    taken: [
      'Contained the affected system ({{entity}}) and revoked the access used',
      'Preserved the evidence and the hash-chained incident timeline',
    ],
    proposed: [
      'Complete the forensic review of the affected system',
      'Review access permissions and monitoring for similar systems',
    ],
  },
  authority: {
    nature:
      '{{breachTypes}} breach of personal data concerning {{entity}}, detected by breachwatch from {{sources}} between {{from}} and {{to}} (UTC); the controller became aware on {{awareAt}} (UTC). Evidence: {{evidence}}.',
    breachTypes: {
      confidentiality: 'Confidentiality',
      integrity: 'integrity',
      availability: 'availability',
    },
    subjects: 'customers and other individuals whose data the affected system held',
    consequences: 'Likely consequences for the data subjects: {{consequences}}. ENISA severity {{score}} ({{band}}).',
    delay: 'Reason for notifying after 72 hours (Art. 33(1)): {{delayReason}}',
  },
  subject: {
    title: 'Important: a security incident affecting your personal data at {{controller}}',
    greeting: 'Dear customer,',
    what: 'On {{date}} we found that an unauthorised person may have gained access to some of your personal data held by {{controller}}. We are writing to tell you what happened, what it could mean for you and what we are doing about it.',
    data: 'The data concerned: {{categories}}.',
    consequences: 'What this could mean for you: {{consequences}}.',
    measures: 'What we have done: {{measures}}.',
    advice: 'What you can do: {{advice}}',
    contact:
      'If you have questions, please contact our data protection officer, {{dpoName}}, at {{dpoEmail}}{{dpoPhone}}.',
    closing: 'We are sorry this has happened.',
    phone: ' or by phone on {{phone}}',
  },
};
