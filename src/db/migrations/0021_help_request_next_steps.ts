/**
 * Help requests' next steps (issue #15): what the organisation tells the person behind a private code to do next —
 * where to go and the date of their flight — shown to them in their language with the status. Encrypted
 * (`next_steps_enc`, bound to the row like `content_enc`): where a survivor will be and when they leave is as
 * sensitive as anything they wrote. Set by the organisation's staff (the existing update policy keeps it to their own
 * queue); read by the system for the code holder only.
 */
export const sql = /* sql */ `
ALTER TABLE help_requests ADD COLUMN next_steps_enc text;
GRANT UPDATE (next_steps_enc) ON help_requests TO refuge_app;
`;
