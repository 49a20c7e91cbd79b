export default {
  'portal.view.dashboard': 'Mon compte',
  'portal.view.invoices': 'Factures',
  'portal.view.payments': 'Paiements',
  'portal.view.statement': 'Relevé de compte',
  'portal.view.sales-orders': 'Commandes',
  'portal.view.credit-notes': 'Avoirs',
  'portal.view.schedules': 'Échéanciers',
  'portal.view.profile': 'Mon profil',
  'portal.back': 'Retour à mon compte',
  'portal.recent': 'Factures récentes',
  'portal.lastPayment': 'Dernier paiement',
  'portal.noPayments': 'Aucun paiement pour le moment.',
};
