CREATE TABLE "subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"plan_name" text NOT NULL,
	"status" text NOT NULL,
	"stripe_id" text,
	"stripe_customer_id" text,
	"period_start" timestamp with time zone,
	"period_end" timestamp with time zone,
	"cancel_at_period_end" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscriptions_stripe_id_unique" UNIQUE("stripe_id"),
	CONSTRAINT "subscriptions_plan_check" CHECK ("subscriptions"."plan_name" in ('free', 'pro', 'business')),
	CONSTRAINT "subscriptions_status_check" CHECK ("subscriptions"."status" in ('incomplete', 'trialing', 'active', 'past_due', 'canceled', 'unpaid'))
);
--> statement-breakpoint
CREATE TABLE "keyword_data" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "keyword_data_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"keyword" text NOT NULL,
	"platform" text NOT NULL,
	"marketplace" text DEFAULT 'US' NOT NULL,
	"search_volume" integer,
	"volume_low" integer,
	"volume_high" integer,
	"competition" real,
	"cpc" numeric(10, 2),
	"difficulty" smallint,
	"opportunity" smallint,
	"listing_count" integer,
	"price_min" numeric(10, 2),
	"price_median" numeric(10, 2),
	"price_max" numeric(10, 2),
	"trend_data" jsonb,
	"source" text NOT NULL,
	"last_updated" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "keyword_data_platform_marketplace_keyword_key" UNIQUE("platform","marketplace","keyword"),
	CONSTRAINT "keyword_data_platform_check" CHECK ("keyword_data"."platform" in ('amazon', 'etsy', 'ebay')),
	CONSTRAINT "keyword_data_source_check" CHECK ("keyword_data"."source" in ('demo', 'sandbox', 'marketplace', 'import')),
	CONSTRAINT "keyword_data_competition_check" CHECK ("keyword_data"."competition" between 0 and 1),
	CONSTRAINT "keyword_data_keyword_check" CHECK ("keyword_data"."keyword" = lower("keyword_data"."keyword") and length("keyword_data"."keyword") between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "keyword_observations" (
	"keyword_id" bigint NOT NULL,
	"period_start" date NOT NULL,
	"search_volume" integer,
	"listing_count" integer,
	"competition" real,
	"cpc" numeric(10, 2),
	"avg_price" numeric(10, 2),
	"source" text NOT NULL,
	"observed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "keyword_observations_keyword_id_period_start_pk" PRIMARY KEY("keyword_id","period_start")
);
--> statement-breakpoint
CREATE TABLE "keyword_searches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"keyword" text NOT NULL,
	"platform" text NOT NULL,
	"marketplace" text DEFAULT 'US' NOT NULL,
	"result_count" integer DEFAULT 0 NOT NULL,
	"results" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "keyword_searches_platform_check" CHECK ("keyword_searches"."platform" in ('amazon', 'etsy', 'ebay'))
);
--> statement-breakpoint
CREATE TABLE "analytics" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "analytics_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"keyword" text NOT NULL,
	"platform" text NOT NULL,
	"metrics" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" uuid,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"ip" text,
	"user_agent" text,
	"metadata" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cache_data" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"password_hash" text,
	"role" text DEFAULT 'user' NOT NULL,
	"subscription" text DEFAULT 'free' NOT NULL,
	"email_verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('user', 'admin')),
	CONSTRAINT "users_subscription_check" CHECK ("users"."subscription" in ('free', 'pro', 'business'))
);
--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "keyword_observations" ADD CONSTRAINT "keyword_observations_keyword_id_keyword_data_id_fk" FOREIGN KEY ("keyword_id") REFERENCES "public"."keyword_data"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "keyword_searches" ADD CONSTRAINT "keyword_searches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "subscriptions_user_idx" ON "subscriptions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "keyword_data_keyword_trgm_idx" ON "keyword_data" USING gin ("keyword" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "keyword_data_platform_prefix_idx" ON "keyword_data" USING btree ("platform","keyword" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "keyword_data_platform_volume_idx" ON "keyword_data" USING btree ("platform","search_volume" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "keyword_observations_period_idx" ON "keyword_observations" USING btree ("period_start");--> statement-breakpoint
CREATE INDEX "keyword_searches_user_created_idx" ON "keyword_searches" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "analytics_platform_keyword_idx" ON "analytics" USING btree ("platform","keyword","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_user_created_idx" ON "audit_log" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_action_created_idx" ON "audit_log" USING btree ("action","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "cache_data_expires_at_idx" ON "cache_data" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_created_at_idx" ON "users" USING btree ("created_at");