export default {
  'actions.title': 'Quick actions',
  'actions.invoices': 'Invoices',
  'actions.payments': 'Payments',
  'actions.statement': 'Account statement',
  'actions.sales-orders': 'Sales orders',
  'actions.credit-notes': 'Credit notes',
  'actions.schedules': 'Schedules',
  'actions.profile': 'My profile',
};
