export default {
  'portal.view.dashboard': 'My account',
  'portal.view.invoices': 'Invoices',
  'portal.view.payments': 'Payments',
  'portal.view.statement': 'Account statement',
  'portal.view.sales-orders': 'Sales orders',
  'portal.view.credit-notes': 'Credit notes',
  'portal.view.schedules': 'Schedules',
  'portal.view.profile': 'My profile',
  'portal.back': 'Back to my account',
  'portal.recent': 'Recent invoices',
  'portal.lastPayment': 'Last payment',
  'portal.noPayments': 'No payments yet.',
};
