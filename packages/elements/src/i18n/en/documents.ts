export default {
  'documents.download': 'Download',
  'documents.pdf': 'Download PDF',
  'documents.pdfOf': 'Download PDF of invoice {number}',
  'documents.csv': 'Export CSV',
  'documents.xlsx': 'Export Excel',
  'documents.preparing': 'Preparing…',
  'documents.failed': '“{action}” failed.',
  'documents.tryAgain': 'Please try again.',
  'documents.status.404': 'This document is not available.',
  'documents.status.409': 'There is no email address on your account.',
  'documents.status.429': 'Too many requests. Please try again later.',
  'documents.status.503': 'The service is not available right now. Try again later.',
};
