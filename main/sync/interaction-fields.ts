// The interaction's own fields as they travel: ONE list, read by the pusher (interactions-out.ts) and the applier
// (interactions-apply.ts). A new column of interactions that should reach the other terminals is one line here.
//
// Not here, because they are links rather than values and travel as global ids: the customer (the fact's
// customerId), who logged it (clerkId, clerkName), the entry an amendment corrects (amendsId) and the issues an entry
// settles (resolves). Not travelling at all: request_id (this terminal's retry key) and terminal_id (where it was
// logged comes from the hub: interaction_origins). Which of these fields are a person's own words, blanked when their
// customer is erased, is FACT_ENTITIES.interaction.personal (common/sync/changes.ts).

export interface SyncedField {
  /** The name on the wire. */
  field: string;
  column: string;
  /** What a receiver stores when the sender did not send the field (a terminal of an older version). */
  missing: string | number | null;
}

export const INTERACTION_FIELDS: readonly SyncedField[] = [
  { field: 'createdAt', column: 'created_at', missing: null },
  { field: 'localDay', column: 'local_day', missing: null },
  { field: 'kind', column: 'kind', missing: 'other' },
  { field: 'outcome', column: 'outcome', missing: 'unresolved' },
  { field: 'sentiment', column: 'sentiment', missing: null },
  { field: 'notes', column: 'notes', missing: '' },
  { field: 'followUpDue', column: 'follow_up_due', missing: null },
  { field: 'suggestionTemplateId', column: 'suggestion_template_id', missing: null },
  { field: 'said', column: 'said', missing: '' },
  { field: 'amendReason', column: 'amend_reason', missing: null },
  { field: 'flagged', column: 'flagged', missing: null },
  { field: 'reviewNote', column: 'review_note', missing: null },
  // Guided recovery (0013): all or none, as the table's own check demands; null is "no recovery" for an older sender.
  // Who approved a grant is a local clerk id and stays home: the grant's audit entry names them at the store.
  { field: 'recoverySeverity', column: 'recovery_severity', missing: null },
  { field: 'recoveryWhat', column: 'recovery_what', missing: null },
  { field: 'recoveryRemedy', column: 'recovery_remedy', missing: null },
  { field: 'recoveryAmountMinor', column: 'recovery_amount_minor', missing: null },
  { field: 'recoveryRootCause', column: 'recovery_root_cause', missing: null },
];
