/**
 * Every column that holds an encrypted envelope, with the row key bound into its authenticated
 * data. Key rotation walks this list, so a new encrypted column must be added here.
 */
export interface EncryptedColumn {
  table: string;
  column: string;
  key: string;
}

export const ENCRYPTED_COLUMNS: EncryptedColumn[] = [
  { table: 'users', column: 'totp_secret_enc', key: 'id' },
  { table: 'blobs', column: 'key_enc', key: 'sha256' },
  { table: 'survivors', column: 'identity_enc', key: 'id' },
  { table: 'survivors', column: 'location_enc', key: 'id' },
  // Casework (0002).
  { table: 'case_notes', column: 'body_enc', key: 'id' },
  { table: 'case_attachments', column: 'file_name_enc', key: 'id' },
  { table: 'screenings', column: 'notes_enc', key: 'id' },
  { table: 'needs', column: 'note_enc', key: 'id' },
  { table: 'referrals', column: 'view_enc', key: 'id' },
  { table: 'consular_records', column: 'emergency_document_number_enc', key: 'id' },
  { table: 'follow_ups', column: 'note_enc', key: 'id' },
  { table: 'evidence', column: 'testimony_enc', key: 'id' },
  // Monitoring sharing (0010).
  { table: 'monitoring_edits', column: 'changes_enc', key: 'id' },
  // Articles (0016).
  { table: 'articles', column: 'text_enc', key: 'evidence_id' },
  { table: 'article_claims', column: 'quote_enc', key: 'id' },
  // Offline field intake and help requests (0015, 0015b, 0021).
  { table: 'idempotency_keys', column: 'record_enc', key: 'id' },
  { table: 'help_requests', column: 'content_enc', key: 'id' },
  { table: 'help_requests', column: 'next_steps_enc', key: 'id' },
  // Tracing and deaths (0024).
  { table: 'tracing_requests', column: 'details_enc', key: 'id' },
  { table: 'tracing_requests', column: 'answer_enc', key: 'id' },
  { table: 'tracing_proposals', column: 'summary_enc', key: 'id' },
  { table: 'death_reports', column: 'details_enc', key: 'id' },
];

/** The additional authenticated data for one cell: a ciphertext only opens in the cell it was written for. */
export function encryptionContext(table: string, column: string, rowKey: string): string {
  return `${table}.${column}:${rowKey}`;
}

/** Later migrations register their encrypted columns here (one place for rotation to find them). */
export function registerEncryptedColumn(column: EncryptedColumn): void {
  if (!ENCRYPTED_COLUMNS.some((c) => c.table === column.table && c.column === column.column))
    ENCRYPTED_COLUMNS.push(column);
}
