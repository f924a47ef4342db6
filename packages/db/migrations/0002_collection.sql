CREATE TABLE "collection_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform" text NOT NULL,
	"marketplace" text NOT NULL,
	"keyword" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"requests_done" integer DEFAULT 0 NOT NULL,
	"requests_planned" integer DEFAULT 0 NOT NULL,
	"keywords_found" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "collection_requests_status_check" CHECK ("collection_requests"."status" in ('queued', 'running', 'done', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "quarantined_payloads" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "quarantined_payloads_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"platform" text NOT NULL,
	"operation" text NOT NULL,
	"request" text NOT NULL,
	"error_code" text NOT NULL,
	"error_message" text NOT NULL,
	"details" jsonb,
	"payload" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suggestion_observations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "suggestion_observations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"platform" text NOT NULL,
	"marketplace" text NOT NULL,
	"keyword" text NOT NULL,
	"prefix" text NOT NULL,
	"position" smallint NOT NULL,
	"depth" smallint NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "suggestion_observations_natural_key" UNIQUE("platform","marketplace","prefix","keyword","observed_at")
);
--> statement-breakpoint
CREATE INDEX "collection_requests_lookup_idx" ON "collection_requests" USING btree ("platform","marketplace","keyword","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "quarantined_payloads_platform_created_idx" ON "quarantined_payloads" USING btree ("platform","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "suggestion_observations_keyword_idx" ON "suggestion_observations" USING btree ("platform","marketplace","keyword","observed_at" DESC NULLS LAST);