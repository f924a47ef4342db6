CREATE TABLE "batch_analyses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid,
	"platform" text NOT NULL,
	"marketplace" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"total" integer NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"collecting" integer DEFAULT 0 NOT NULL,
	"collect_missing" boolean DEFAULT true NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "batch_analyses_status_check" CHECK ("batch_analyses"."status" in ('queued', 'running', 'completed', 'failed')),
	CONSTRAINT "batch_analyses_done_check" CHECK ("batch_analyses"."done" between 0 and "batch_analyses"."total")
);
--> statement-breakpoint
CREATE TABLE "batch_analysis_items" (
	"batch_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"keyword" text NOT NULL,
	"keyword_id" bigint,
	CONSTRAINT "batch_analysis_items_batch_id_position_pk" PRIMARY KEY("batch_id","position")
);
--> statement-breakpoint
ALTER TABLE "batch_analyses" ADD CONSTRAINT "batch_analyses_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "batch_analysis_items" ADD CONSTRAINT "batch_analysis_items_batch_id_batch_analyses_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batch_analyses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "batch_analysis_items" ADD CONSTRAINT "batch_analysis_items_keyword_id_keyword_data_id_fk" FOREIGN KEY ("keyword_id") REFERENCES "public"."keyword_data"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "batch_analyses_owner_idx" ON "batch_analyses" USING btree ("owner_id","created_at" DESC NULLS LAST);