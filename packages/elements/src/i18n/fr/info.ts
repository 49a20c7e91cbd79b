export default {
  'info.title': 'Informations du compte',
  'info.email': 'E-mail',
  'info.phone': 'Téléphone',
  'info.address': 'Adresse',
  'info.terms': 'Conditions de paiement',
  'info.cycle': 'Cycle de facturation',
  'info.manager': 'Chargé de compte',
  'info.since': 'Client depuis',
  'info.contacts': 'Contacts',
  'info.primary': 'Contact principal',
  'info.more': '+{count} autre(s)',
  'info.noContacts': 'Aucun contact enregistré.',
};
