/**
 * Monitoring API contracts (compounds, evidence, events, alerts, map data), shared by the server
 * and the web app. Endpoints (all under /api/monitoring):
 *
 *   GET    /compounds                      CompoundListQuery → CompoundList
 *   POST   /compounds                      CompoundInput → CompoundView (201)
 *   GET    /compounds/:id                  → CompoundView
 *   PATCH  /compounds/:id                  CompoundPatch → CompoundView
 *   GET    /compounds/:id/timeline         → CompoundTimeline
 *   GET    /compounds/:id/events           EventListQuery → EventList
 *   GET    /compounds/:id/history          → EditHistory (who changed what, previous and new values)
 *   GET    /compounds.geojson              → GeoJSON FeatureCollection (export)
 *   POST   /compounds/import?dryRun=       any GeoJSON → CompoundImportReport (422 problem when invalid)
 *   GET    /evidence                       EvidenceListQuery → EvidenceList
 *   POST   /evidence                       EvidenceInput → EvidenceView (201)     (no file: URL, note, testimony)
 *   POST   /evidence/upload?…              raw bytes + EvidenceUploadQuery → EvidenceView (201)
 *   GET    /evidence/:id                   → EvidenceView (custody: accessed)
 *   PATCH  /evidence/:id                   EvidencePatch → EvidenceView (custody: annotated)
 *   POST   /evidence/:id/verification      VerificationStepInput → EvidenceView
 *   POST   /evidence/:id/retract           RetractRequest → EvidenceView
 *   GET    /evidence/:id/original          → the original bytes (custody: exported)
 *   GET    /evidence/:id/media             → the original inline, byte ranges (custody: accessed)
 *   GET    /evidence/:id/thumbnail         → image/webp working copy
 *   GET    /evidence/:id/custody           → CustodyLog
 *   GET    /evidence/:id/history           → EditHistory
 *   POST   /events                         EventInput → EventWriteResult (201)
 *   PATCH  /events/:id                     EventPatch → EventWriteResult
 *   POST   /events/:id/retract             RetractRequest → EventWriteResult
 *   GET    /alerts                         AlertListQuery → AlertList (ranked)
 *   POST   /alerts/:id/acknowledge         → AlertView (for the caller's organisation only)
 *   POST   /alerts/:id/close               → AlertView (closed for everyone: compound owner or coordination)
 *   GET    /map?at=YYYY-MM-DD              → MapData
 *   Articles, stories, claims, disagreements, feeds: see articles.ts
 */
export * from './geo.ts';
export * from './compounds.ts';
export * from './evidence.ts';
export * from './events.ts';
export * from './edits.ts';
export * from './articles.ts';
