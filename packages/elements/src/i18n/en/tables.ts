// Words shared by the lists, the statement and the detail views (their keys keep the
// `common.` prefix, as the other languages' catalogues have them).
export default {
  'common.empty': 'Nothing to show yet.',
  'common.close': 'Close',
  'common.details': 'Details',
  'common.loadMore': 'Load more',
  'common.total': 'Total',
  'common.status': 'Status',
  'common.date': 'Date',
  'common.amount': 'Amount',
  'common.balance': 'Balance',
  'common.currency': 'Currency',
  'common.from': 'From',
  'common.to': 'To',
  'common.search': 'Search',
  'common.filter': 'Filter',
  'common.clear': 'Clear',
  'common.all': 'All',
  'common.none': '—',
  'common.sortedAscending': 'sorted ascending',
  'common.sortedDescending': 'sorted descending',
  'common.showing': '{shown} of {count}',
};
