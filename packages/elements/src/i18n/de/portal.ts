export default {
  'portal.view.dashboard': 'Mein Konto',
  'portal.view.invoices': 'Rechnungen',
  'portal.view.payments': 'Zahlungen',
  'portal.view.statement': 'Kontoauszug',
  'portal.view.sales-orders': 'Aufträge',
  'portal.view.credit-notes': 'Gutschriften',
  'portal.view.schedules': 'Termine und Pläne',
  'portal.view.profile': 'Mein Profil',
  'portal.back': 'Zurück zu meinem Konto',
  'portal.recent': 'Letzte Rechnungen',
  'portal.lastPayment': 'Letzte Zahlung',
  'portal.noPayments': 'Noch keine Zahlungen.',
};
