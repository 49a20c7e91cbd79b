export default {
  'actions.title': 'Schnellzugriff',
  'actions.invoices': 'Rechnungen',
  'actions.payments': 'Zahlungen',
  'actions.statement': 'Kontoauszug',
  'actions.sales-orders': 'Aufträge',
  'actions.credit-notes': 'Gutschriften',
  'actions.schedules': 'Zeitpläne',
  'actions.profile': 'Mein Profil',
};
