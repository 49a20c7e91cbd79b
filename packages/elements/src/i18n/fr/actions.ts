export default {
  'actions.title': 'Accès rapide',
  'actions.invoices': 'Factures',
  'actions.payments': 'Paiements',
  'actions.statement': 'Relevé de compte',
  'actions.sales-orders': 'Commandes',
  'actions.credit-notes': 'Avoirs',
  'actions.schedules': 'Échéanciers',
  'actions.profile': 'Mon profil',
};
