export default {
  'info.title': 'Kontoinformationen',
  'info.email': 'E-Mail',
  'info.phone': 'Telefon',
  'info.address': 'Adresse',
  'info.terms': 'Zahlungsbedingungen',
  'info.cycle': 'Abrechnungszeitraum',
  'info.manager': 'Kundenbetreuung',
  'info.since': 'Kunde seit',
  'info.contacts': 'Ansprechpartner',
  'info.primary': 'Hauptansprechpartner',
  'info.more': '+{count} weitere',
  'info.noContacts': 'Keine Ansprechpartner hinterlegt.',
};
