export default {
  'documents.download': 'Téléchargement',
  'documents.pdf': 'Télécharger le PDF',
  'documents.pdfOf': 'Télécharger le PDF de la facture {number}',
  'documents.csv': 'Exporter en CSV',
  'documents.xlsx': 'Exporter en Excel',
  'documents.preparing': 'Préparation…',
  'documents.failed': '« {action} » a échoué.',
  'documents.tryAgain': 'Veuillez réessayer.',
  'documents.status.404': 'Ce document n’est pas disponible.',
  'documents.status.409': 'Votre compte n’a pas d’adresse e-mail.',
  'documents.status.429': 'Trop de demandes. Réessayez plus tard.',
  'documents.status.503': 'Le service est momentanément indisponible. Réessayez plus tard.',
};
