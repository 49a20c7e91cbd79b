export default {
  'documents.download': 'Download',
  'documents.pdf': 'PDF herunterladen',
  'documents.pdfOf': 'PDF herunterladen: Rechnung {number}',
  'documents.csv': 'Als CSV exportieren',
  'documents.xlsx': 'Als Excel exportieren',
  'documents.preparing': 'Wird vorbereitet…',
  'documents.failed': '„{action}“ ist fehlgeschlagen.',
  'documents.tryAgain': 'Bitte versuchen Sie es erneut.',
  'documents.status.404': 'Dieses Dokument ist nicht verfügbar.',
  'documents.status.409': 'Für Ihr Konto ist keine E-Mail-Adresse hinterlegt.',
  'documents.status.429': 'Zu viele Anfragen. Bitte versuchen Sie es später erneut.',
  'documents.status.503': 'Der Dienst ist gerade nicht verfügbar. Versuchen Sie es später erneut.',
};
