/**
 * Reports and news (issue #17): articles are `article` evidence items (hash, custody, source) with their
 * extracted text, language, publication date and story; claims extracted from them keep their exact span.
 *
 *   article_stories  articles telling the same story (a story counts once); `merged_into` when two join.
 *   articles         one per article evidence item: text (encrypted: pasted reports may be internal),
 *                    language, publication date, MinHash signature, entity keys and figures for grouping.
 *   article_actors   people and organisations that articles name, resolved across spellings and scripts
 *                    (name_keys: the matching engine's blocking keys). `network_entity_id` is the seam for
 *                    networks (FtM) entities: an opaque id set by that module, never a foreign key here.
 *   article_claims   one extracted claim: kind, span (offsets into the article text), quote (encrypted),
 *                    structured value, grouping key, resolved actor or compound, review status.
 *   article_feeds    RSS/Atom feeds an organisation polls.
 *
 * Monitoring data about public events, never survivor data. Readable and writable only by sessions of
 * monitor and coordination organisations (the service also checks roles); an article is visible only
 * with its evidence item (evidence's own row-level security). Nothing is deleted (claims are rejected).
 * PostgreSQL 15 and PGlite compatible.
 */
const monitoringOrgs = `(SELECT refuge_org_kind()) IN ('monitor','coordination')`;

const guard = (table: string) => `
ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
-- Nothing without a signed-in session (0006's guard, on every table with row-level security).
CREATE POLICY refuge_signed_in ON ${table} AS RESTRICTIVE FOR ALL TO refuge_app
  USING ((SELECT refuge_user_id()) IS NOT NULL) WITH CHECK ((SELECT refuge_user_id()) IS NOT NULL);
-- Monitoring organisations only (monitor, coordination).
CREATE POLICY refuge_monitoring_orgs ON ${table} AS RESTRICTIVE FOR ALL TO refuge_app
  USING (${monitoringOrgs}) WITH CHECK (${monitoringOrgs});
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuge_forbid_delete();`;

export const sql = /* sql */ `
CREATE TABLE article_stories (
  id uuid PRIMARY KEY,
  title text,
  first_published_at timestamptz,
  merged_into uuid REFERENCES article_stories(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  is_demo boolean NOT NULL DEFAULT false
);

CREATE TABLE article_feeds (
  id uuid PRIMARY KEY,
  url text NOT NULL UNIQUE CHECK (url ~ '^https?://'),
  title text,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_polled_at timestamptz,
  last_error text,
  is_demo boolean NOT NULL DEFAULT false
);

CREATE TABLE articles (
  evidence_id uuid PRIMARY KEY REFERENCES evidence(id),
  story_id uuid NOT NULL REFERENCES article_stories(id),
  text_sha256 text NOT NULL UNIQUE CHECK (text_sha256 ~ '^[0-9a-f]{64}$'),
  text_enc text NOT NULL,
  char_count integer NOT NULL CHECK (char_count > 0),
  format text NOT NULL CHECK (format IN ('txt','md','html','eml','pdf','feed','paste')),
  language text NOT NULL,
  published_at timestamptz NOT NULL,
  publisher text,
  title text,
  signature bigint[] NOT NULL,
  entity_keys text[] NOT NULL DEFAULT '{}',
  numbers text[] NOT NULL DEFAULT '{}',
  feed_id uuid REFERENCES article_feeds(id),
  feed_item_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  is_demo boolean NOT NULL DEFAULT false
);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_published ON articles(published_at);
CREATE UNIQUE INDEX articles_feed_item ON articles(feed_id, feed_item_key) WHERE feed_id IS NOT NULL;

CREATE TABLE article_actors (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('person','organisation')),
  names text[] NOT NULL CHECK (cardinality(names) > 0),
  name_keys text[] NOT NULL,
  network_entity_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  is_demo boolean NOT NULL DEFAULT false
);
CREATE INDEX article_actors_keys ON article_actors USING gin(name_keys);

CREATE TABLE article_claims (
  id uuid PRIMARY KEY,
  article_id uuid NOT NULL REFERENCES articles(evidence_id),
  kind text NOT NULL CHECK (kind IN ('person','organisation','place','date','people_count','place_count','money','quotation')),
  start_offset integer NOT NULL CHECK (start_offset >= 0),
  end_offset integer NOT NULL,
  quote_enc text NOT NULL,
  key text NOT NULL,
  value jsonb NOT NULL,
  actor_id uuid REFERENCES article_actors(id),
  compound_id uuid REFERENCES compounds(id),
  status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed','accepted','rejected','disputed')),
  reviewed_by uuid REFERENCES users(id),
  reviewed_at timestamptz,
  event_id uuid REFERENCES compound_events(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  is_demo boolean NOT NULL DEFAULT false,
  CHECK (end_offset > start_offset)
);
CREATE INDEX article_claims_article ON article_claims(article_id, start_offset);
CREATE INDEX article_claims_key ON article_claims(key) WHERE kind IN ('people_count','place_count','money');
CREATE INDEX article_claims_actor ON article_claims(actor_id) WHERE actor_id IS NOT NULL;

${guard('article_stories')}
CREATE POLICY article_stories_all ON article_stories FOR ALL TO refuge_app USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON article_stories TO refuge_app;

${guard('article_feeds')}
CREATE POLICY article_feeds_read ON article_feeds FOR SELECT TO refuge_app USING (true);
CREATE POLICY article_feeds_own ON article_feeds FOR INSERT TO refuge_app
  WITH CHECK (organisation_id = (SELECT refuge_org_id()) AND created_by = (SELECT refuge_user_id()));
CREATE POLICY article_feeds_update ON article_feeds FOR UPDATE TO refuge_app USING (organisation_id = (SELECT refuge_org_id()));
GRANT SELECT, INSERT, UPDATE ON article_feeds TO refuge_app;

${guard('articles')}
-- An article is visible with its evidence item (evidence's row-level security decides).
CREATE POLICY articles_with_evidence ON articles FOR ALL TO refuge_app
  USING (EXISTS (SELECT 1 FROM evidence e WHERE e.id = articles.evidence_id))
  WITH CHECK (EXISTS (SELECT 1 FROM evidence e WHERE e.id = articles.evidence_id AND e.kind = 'article'));
GRANT SELECT, INSERT, UPDATE ON articles TO refuge_app;

${guard('article_actors')}
CREATE POLICY article_actors_all ON article_actors FOR ALL TO refuge_app USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON article_actors TO refuge_app;

${guard('article_claims')}
CREATE POLICY article_claims_with_article ON article_claims FOR ALL TO refuge_app
  USING (EXISTS (SELECT 1 FROM articles a WHERE a.evidence_id = article_claims.article_id))
  WITH CHECK (EXISTS (SELECT 1 FROM articles a WHERE a.evidence_id = article_claims.article_id));
GRANT SELECT, INSERT, UPDATE ON article_claims TO refuge_app;
`;
