-- The import job writes a report in short transactions (a batch of rows each) instead of one that
-- held PGlite's only connection for the whole import. "run" says which run of the job holds an
-- import: a run writes only while it is still its own. The index finds an import's rows (a failed
-- run's rows dropped, its keywords to track, its owner's export) without a scan of them all.
ALTER TABLE "keyword_imports" ADD COLUMN "run" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "imported_metrics_import_idx" ON "imported_metrics" USING btree ("import_id","id");