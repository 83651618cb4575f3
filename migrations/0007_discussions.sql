CREATE TABLE "comment_data_requests" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"action" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "comment_data_requests_action_check" CHECK ("comment_data_requests"."action" in ('export', 'erase'))
);
--> statement-breakpoint
CREATE TABLE "comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"parent_id" uuid,
	"thread_id" uuid NOT NULL,
	"depth" smallint NOT NULL,
	"author_name" text,
	"author_email" text,
	"author_url" text,
	"content" text NOT NULL,
	"state" text NOT NULL,
	"staff" boolean DEFAULT false NOT NULL,
	"staff_user_id" uuid,
	"spam_score" real NOT NULL,
	"spam_reasons" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"ip_address" text,
	"user_agent" text,
	"created_at" timestamp with time zone NOT NULL,
	"moderated_at" timestamp with time zone,
	"moderated_by" uuid,
	"erased_at" timestamp with time zone,
	CONSTRAINT "comments_state_check" CHECK ("comments"."state" in ('published', 'held', 'spam', 'deleted')),
	CONSTRAINT "comments_depth_check" CHECK ("comments"."depth" between 0 and 2)
);
--> statement-breakpoint
CREATE TABLE "spam_api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"site" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "spam_api_usage" (
	"key_id" uuid NOT NULL,
	"month" text NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	"spam" integer DEFAULT 0 NOT NULL,
	"ham" integer DEFAULT 0 NOT NULL,
	"missed_spam" integer DEFAULT 0 NOT NULL,
	"false_positives" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "spam_api_usage_key_id_month_pk" PRIMARY KEY("key_id","month")
);
--> statement-breakpoint
CREATE TABLE "spam_lessons" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "spam_lessons_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"comment_id" uuid,
	"source" text NOT NULL,
	"spam" boolean NOT NULL,
	"features" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_parent_id_comments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_staff_user_id_staff_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_moderated_by_staff_users_id_fk" FOREIGN KEY ("moderated_by") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spam_api_keys" ADD CONSTRAINT "spam_api_keys_created_by_staff_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spam_api_usage" ADD CONSTRAINT "spam_api_usage_key_id_spam_api_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."spam_api_keys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spam_lessons" ADD CONSTRAINT "spam_lessons_comment_id_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comments_thread_idx" ON "comments" USING btree ("product_id","created_at","id");--> statement-breakpoint
CREATE INDEX "comments_parent_idx" ON "comments" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "comments_replies_idx" ON "comments" USING btree ("thread_id","created_at");--> statement-breakpoint
CREATE INDEX "comments_queue_idx" ON "comments" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "comments_hash_idx" ON "comments" USING btree ("content_hash","created_at");--> statement-breakpoint
CREATE INDEX "comments_address_idx" ON "comments" USING btree ("ip_address","created_at");--> statement-breakpoint
CREATE INDEX "comments_email_idx" ON "comments" USING btree (lower("author_email"));--> statement-breakpoint
CREATE UNIQUE INDEX "spam_api_keys_key_idx" ON "spam_api_keys" USING btree ("key");--> statement-breakpoint
CREATE INDEX "spam_lessons_comment_idx" ON "spam_lessons" USING btree ("comment_id");