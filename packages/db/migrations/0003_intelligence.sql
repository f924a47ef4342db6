CREATE TABLE "imported_metrics" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "imported_metrics_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"import_id" bigint NOT NULL,
	"keyword" text NOT NULL,
	"platform" text NOT NULL,
	"marketplace" text NOT NULL,
	"line" integer NOT NULL,
	"volume" integer,
	"volume_low" integer,
	"volume_high" integer,
	"search_frequency_rank" integer,
	"competition" real,
	"bid_low" numeric(10, 2),
	"bid_high" numeric(10, 2),
	"monthly" jsonb,
	CONSTRAINT "imported_metrics_platform_check" CHECK ("imported_metrics"."platform" in ('amazon', 'etsy', 'ebay', 'google'))
);
--> statement-breakpoint
CREATE TABLE "keyword_imports" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "keyword_imports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"filename" text,
	"marketplace" text DEFAULT 'US' NOT NULL,
	"rows_imported" integer NOT NULL,
	"rows_skipped" integer NOT NULL,
	"skipped" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "keyword_imports_kind_check" CHECK ("keyword_imports"."kind" in ('brand-analytics', 'keyword-planner', 'csv'))
);
--> statement-breakpoint
ALTER TABLE "keyword_data" ADD COLUMN "listings_shown" smallint;--> statement-breakpoint
ALTER TABLE "keyword_data" ADD COLUMN "favourites_median" real;--> statement-breakpoint
ALTER TABLE "keyword_data" ADD COLUMN "reviews_median" real;--> statement-breakpoint
ALTER TABLE "keyword_data" ADD COLUMN "sales_rank_median" real;--> statement-breakpoint
ALTER TABLE "keyword_data" ADD COLUMN "top_seller_share" real;--> statement-breakpoint
ALTER TABLE "keyword_data" ADD COLUMN "estimates" jsonb;--> statement-breakpoint
ALTER TABLE "imported_metrics" ADD CONSTRAINT "imported_metrics_import_id_keyword_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."keyword_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "imported_metrics_lookup_idx" ON "imported_metrics" USING btree ("platform","marketplace","keyword");