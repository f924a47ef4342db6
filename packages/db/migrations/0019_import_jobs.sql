-- Uploaded reports are imported by a job (compute.keyword-import) rather than inside the upload's
-- HTTP request: a 50 MB report took about 130 s to import. The API keeps the file in
-- keyword_import_uploads, in pieces of up to 1 MB, until the job has read it; the import's status,
-- size and (on failure) error are on keyword_imports. Imports made before were written at once.
CREATE TABLE "keyword_import_uploads" (
	"import_id" bigint NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "keyword_import_uploads_import_id_seq_pk" PRIMARY KEY("import_id","seq")
);
--> statement-breakpoint
ALTER TABLE "keyword_imports" ADD COLUMN "status" text DEFAULT 'completed' NOT NULL;--> statement-breakpoint
ALTER TABLE "keyword_imports" ADD COLUMN "bytes" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "keyword_imports" ADD COLUMN "error" jsonb;--> statement-breakpoint
ALTER TABLE "keyword_imports" ADD COLUMN "finished_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "keyword_import_uploads" ADD CONSTRAINT "keyword_import_uploads_import_id_keyword_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."keyword_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "keyword_imports" ADD CONSTRAINT "keyword_imports_status_check" CHECK ("keyword_imports"."status" in ('queued', 'running', 'completed', 'failed'));--> statement-breakpoint
UPDATE "keyword_imports" SET "finished_at" = "created_at";
