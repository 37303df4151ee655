import type { Template } from '../templates.js';

/** German texts of the notifications; the same keys as `en.ts`, checked by the type. */
export const de: Template = {
  language: 'de',
  locale: 'de-DE',
  categories: {
    contact: 'Kontaktdaten (E-Mail-Adressen, Telefonnummern, Postanschriften)',
    'basic-identity': 'Namen und Geburtsdaten',
    financial: 'Finanzdaten (Kontonummern oder Kartennummern)',
    'national-identifier':
      'Identifikationsnummern (Personalausweis, Reisepass, Steuer- oder Sozialversicherungsnummer)',
    'online-identifier': 'Online-Kennungen (IP- oder Geräteadressen)',
    'special-category-art9': 'Gesundheitsdaten (eine besondere Kategorie nach Art. 9 DSGVO)',
    credentials: 'Zugangsdaten (Passwörter, Zugriffsschlüssel oder Tokens)',
    other: 'weitere personenbezogene Daten',
    unknown: 'personenbezogene Daten im betroffenen System (die Kategorien werden noch ermittelt)',
  },
  consequences: {
    contact: 'unerwünschte Nachrichten sowie Phishing- und Betrugsversuche, die echt wirken',
    'basic-identity': 'dass sich jemand zusammen mit anderen Daten als Sie ausgibt',
    financial: 'betrügerische Zahlungen oder Lastschriften und finanzieller Schaden',
    'national-identifier': 'Identitätsdiebstahl, etwa Konten oder Verträge, die in Ihrem Namen eröffnet werden',
    'online-identifier': 'dass Ihr Verhalten im Internet verfolgt oder ausgewertet wird',
    'special-category-art9': 'die Offenlegung von Gesundheitsinformationen, Benachteiligung oder Belastung',
    credentials: 'dass sich jemand anderes in Ihr Konto einloggt',
    other: 'Missbrauch der betroffenen Daten',
    unknown: 'Missbrauch der betroffenen Daten',
  },
  advice: {
    contact:
      'Seien Sie vorsichtig bei Nachrichten, die Sie auffordern, Links anzuklicken oder Daten anzugeben, auch wenn sie scheinbar von uns kommen.',
    'basic-identity':
      'Seien Sie misstrauisch, wenn sich jemand bei Ihnen meldet, der Ihren Namen und Ihr Geburtsdatum bereits kennt.',
    financial: 'Prüfen Sie Ihre Konto- und Kartenauszüge und melden Sie Ihrer Bank jede Zahlung, die Sie nicht kennen.',
    'national-identifier':
      'Achten Sie auf Schreiben zu Konten oder Verträgen, die Sie nicht abgeschlossen haben, und erwägen Sie eine Bonitätsauskunft.',
    'online-identifier': 'In der Regel müssen Sie nichts tun.',
    'special-category-art9': 'Sie können uns fragen, welche Informationen über Sie genau betroffen sind.',
    credentials: 'Ändern Sie jetzt Ihr Passwort, auch bei anderen Diensten, bei denen Sie dasselbe verwenden.',
    other: 'Achten Sie auf ungewöhnliche Verwendungen Ihrer Daten.',
    unknown: 'Achten Sie auf ungewöhnliche Verwendungen Ihrer Daten.',
  },
  measures: {
    taken: [
      'Das betroffene System ({{entity}}) wurde abgeschottet und der verwendete Zugang gesperrt',
      'Die Beweise und die hash-verkettete Vorfallchronik wurden gesichert',
    ],
    proposed: [
      'Abschluss der forensischen Untersuchung des betroffenen Systems',
      'Überprüfung der Zugriffsrechte und der Überwachung vergleichbarer Systeme',
    ],
  },
  authority: {
    nature:
      'Verletzung der {{breachTypes}} personenbezogener Daten bei {{entity}}, von breachwatch aus {{sources}} zwischen {{from}} und {{to}} (UTC) erkannt; dem Verantwortlichen bekannt seit {{awareAt}} (UTC). Nachweise: {{evidence}}.',
    breachTypes: {
      confidentiality: 'Vertraulichkeit',
      integrity: 'Integrität',
      availability: 'Verfügbarkeit',
    },
    subjects: 'Kunden und andere Personen, deren Daten das betroffene System enthielt',
    consequences:
      'Wahrscheinliche Folgen für die betroffenen Personen: {{consequences}}. ENISA-Schweregrad {{score}} ({{band}}).',
    delay: 'Gründe für die Meldung nach mehr als 72 Stunden (Art. 33 Abs. 1): {{delayReason}}',
  },
  subject: {
    title: 'Wichtig: Ein Sicherheitsvorfall betrifft Ihre personenbezogenen Daten bei {{controller}}',
    greeting: 'Sehr geehrte Kundin, sehr geehrter Kunde,',
    what: 'am {{date}} haben wir festgestellt, dass eine unbefugte Person möglicherweise Zugriff auf einige Ihrer personenbezogenen Daten bei {{controller}} hatte. Wir möchten Ihnen erklären, was passiert ist, was das für Sie bedeuten kann und was wir dagegen tun.',
    data: 'Betroffene Daten: {{categories}}.',
    consequences: 'Mögliche Folgen für Sie: {{consequences}}.',
    measures: 'Was wir getan haben: {{measures}}.',
    advice: 'Was Sie tun können: {{advice}}',
    contact:
      'Bei Fragen wenden Sie sich bitte an unseren Datenschutzbeauftragten, {{dpoName}}, unter {{dpoEmail}}{{dpoPhone}}.',
    closing: 'Wir bedauern diesen Vorfall sehr.',
    phone: ' oder telefonisch unter {{phone}}',
  },
};
