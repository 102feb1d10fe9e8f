/**
 * Networks, continued (issue #16).
 *
 * 1. Sanctions-hit alerts are shared (organisation_id NULL) so 0001's alerts_visible let every signed-in session read
 *    them with raw SQL — a caseworker included, though network data is for analysts and administrators (monitors and
 *    coordination cells) only. A restrictive policy hides the network alert kinds (core/alerts/kinds.ts
 *    NETWORK_ALERT_KINDS) from every session that does not read networks (0019 refuge_reads_networks).
 * 2. Wallet transfers: one row per on-chain transfer (chain, transaction, from, to, amount, time) imported from CSV,
 *    for tracing flows out from a wallet. Addresses, not entity ids: a transfer names wallets that may not be
 *    entities (yet); the tracer joins them to CryptoWallet entities by publicKey. Shared network data like entities:
 *    no organisation owns a transfer, and only sessions that read networks see any.
 */
export const sql = /* sql */ `
CREATE POLICY alerts_network_kinds ON alerts AS RESTRICTIVE FOR ALL TO refuge_app
  USING (kind <> ALL (ARRAY['sanctions_hit']::text[]) OR (SELECT refuge_reads_networks()))
  WITH CHECK (kind <> ALL (ARRAY['sanctions_hit']::text[]) OR (SELECT refuge_reads_networks()));

CREATE TABLE wallet_transfers (
  chain text NOT NULL CHECK (length(chain) BETWEEN 1 AND 32),
  tx text NOT NULL CHECK (length(tx) BETWEEN 1 AND 200),
  seq integer NOT NULL DEFAULT 0,
  from_address text NOT NULL CHECK (length(from_address) BETWEEN 1 AND 200),
  to_address text NOT NULL CHECK (length(to_address) BETWEEN 1 AND 200),
  amount numeric NOT NULL CHECK (amount >= 0),
  asset text NOT NULL DEFAULT '',
  at timestamptz NOT NULL,
  dataset text NOT NULL,
  imported_at timestamptz NOT NULL,
  created_by uuid REFERENCES users(id),
  is_demo boolean NOT NULL DEFAULT false,
  PRIMARY KEY (chain, tx, seq)
);
CREATE INDEX wallet_transfers_from ON wallet_transfers(chain, from_address);
CREATE INDEX wallet_transfers_to ON wallet_transfers(chain, to_address);

ALTER TABLE wallet_transfers ENABLE ROW LEVEL SECURITY;
ALTER TABLE wallet_transfers FORCE ROW LEVEL SECURITY;
CREATE POLICY refuge_signed_in ON wallet_transfers AS RESTRICTIVE FOR ALL TO refuge_app
  USING ((SELECT refuge_user_id()) IS NOT NULL) WITH CHECK ((SELECT refuge_user_id()) IS NOT NULL);
CREATE POLICY wallet_transfers_networks ON wallet_transfers FOR ALL TO refuge_app
  USING ((SELECT refuge_reads_networks())) WITH CHECK ((SELECT refuge_reads_networks()));
GRANT SELECT, INSERT, UPDATE ON wallet_transfers TO refuge_app;
`;
