/** Placeholder: filled in by the capability that owns it before it lands. */
export const sql = /* sql */ `
SELECT 1;
`;
