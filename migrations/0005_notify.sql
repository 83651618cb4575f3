CREATE TABLE "notify_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"market_code" text NOT NULL,
	"email" text NOT NULL,
	"consent" text NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"notified_at" timestamp with time zone,
	"unsubscribed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "notify_requests" ADD CONSTRAINT "notify_requests_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notify_requests" ADD CONSTRAINT "notify_requests_market_code_markets_code_fk" FOREIGN KEY ("market_code") REFERENCES "public"."markets"("code") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
CREATE UNIQUE INDEX "notify_requests_once_idx" ON "notify_requests" USING btree ("product_id","market_code",lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "notify_requests_token_idx" ON "notify_requests" USING btree ("token");--> statement-breakpoint
CREATE INDEX "notify_requests_pending_idx" ON "notify_requests" USING btree ("product_id","market_code") WHERE "notify_requests"."notified_at" is null and "notify_requests"."unsubscribed_at" is null;