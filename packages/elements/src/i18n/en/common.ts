// The strings of every element's own states (loading, error, expired). Table and filter
// words live in tables.ts, so that an element without a table does not carry them.
export default {
  'common.retry': 'Retry',
  'common.loading': 'Loading…',
  'common.error': 'This could not be loaded.',
  'common.offline': 'The portal could not be reached. Check your connection.',
  'common.expired': 'Your session has expired.',
  'common.signInAgain': 'Sign in again',
  'common.updated': 'Updated',
};
