export default {
  'info.title': 'Account information',
  'info.email': 'Email',
  'info.phone': 'Phone',
  'info.address': 'Address',
  'info.terms': 'Billing terms',
  'info.cycle': 'Billing cycle',
  'info.manager': 'Account manager',
  'info.since': 'Customer since',
  'info.contacts': 'Contacts',
  'info.primary': 'Primary contact',
  'info.more': '+{count} more',
  'info.noContacts': 'No contacts on file.',
};
