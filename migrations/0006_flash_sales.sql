CREATE TABLE "flash_sale_admissions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"sale_id" uuid NOT NULL,
	"email" text NOT NULL,
	"state" text DEFAULT 'held' NOT NULL,
	"idempotency_key" text,
	"admitted_at" timestamp with time zone NOT NULL,
	"held_until" timestamp with time zone NOT NULL,
	"order_id" uuid,
	"settled_at" timestamp with time zone,
	CONSTRAINT "flash_sale_admissions_state_check" CHECK ("flash_sale_admissions"."state" in ('held', 'paid', 'expired'))
);
--> statement-breakpoint
CREATE TABLE "flash_sale_buyers" (
	"sale_id" uuid NOT NULL,
	"email" text NOT NULL,
	"admitted" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "flash_sale_buyers_sale_id_email_pk" PRIMARY KEY("sale_id","email"),
	CONSTRAINT "flash_sale_buyers_admitted_check" CHECK ("flash_sale_buyers"."admitted" >= 0)
);
--> statement-breakpoint
CREATE TABLE "flash_sale_registrations" (
	"sale_id" uuid NOT NULL,
	"email" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"verified_at" timestamp with time zone,
	CONSTRAINT "flash_sale_registrations_sale_id_email_pk" PRIMARY KEY("sale_id","email")
);
--> statement-breakpoint
CREATE TABLE "flash_sales" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"market_code" text NOT NULL,
	"sku" text NOT NULL,
	"location_code" text NOT NULL,
	"price" bigint NOT NULL,
	"quantity" integer NOT NULL,
	"held" integer DEFAULT 0 NOT NULL,
	"sold" integer DEFAULT 0 NOT NULL,
	"returned" integer,
	"registration_opens_at" timestamp with time zone,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"per_customer_limit" integer NOT NULL,
	"registration_required" boolean DEFAULT false NOT NULL,
	"payment_window_seconds" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "flash_sales_counts_check" CHECK ("flash_sales"."held" >= 0 and "flash_sales"."sold" >= 0 and "flash_sales"."held" + "flash_sales"."sold" <= "flash_sales"."quantity"),
	CONSTRAINT "flash_sales_quantity_check" CHECK ("flash_sales"."quantity" > 0),
	CONSTRAINT "flash_sales_price_check" CHECK ("flash_sales"."price" > 0),
	CONSTRAINT "flash_sales_window_check" CHECK ("flash_sales"."starts_at" < "flash_sales"."ends_at"),
	CONSTRAINT "flash_sales_limit_check" CHECK ("flash_sales"."per_customer_limit" > 0)
);
--> statement-breakpoint
ALTER TABLE "flash_sale_admissions" ADD CONSTRAINT "flash_sale_admissions_sale_id_flash_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."flash_sales"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flash_sale_buyers" ADD CONSTRAINT "flash_sale_buyers_sale_id_flash_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."flash_sales"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flash_sale_registrations" ADD CONSTRAINT "flash_sale_registrations_sale_id_flash_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."flash_sales"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flash_sales" ADD CONSTRAINT "flash_sales_market_code_markets_code_fk" FOREIGN KEY ("market_code") REFERENCES "public"."markets"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "flash_sales" ADD CONSTRAINT "flash_sales_sku_variants_sku_fk" FOREIGN KEY ("sku") REFERENCES "public"."variants"("sku") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "flash_sales" ADD CONSTRAINT "flash_sales_location_code_stock_locations_code_fk" FOREIGN KEY ("location_code") REFERENCES "public"."stock_locations"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
CREATE INDEX "flash_sale_admissions_buyer_idx" ON "flash_sale_admissions" USING btree ("sale_id","email");--> statement-breakpoint
CREATE UNIQUE INDEX "flash_sale_admissions_key_idx" ON "flash_sale_admissions" USING btree ("sale_id","email","idempotency_key") WHERE "flash_sale_admissions"."idempotency_key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "flash_sale_admissions_order_idx" ON "flash_sale_admissions" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "flash_sale_admissions_due_idx" ON "flash_sale_admissions" USING btree ("held_until") WHERE "flash_sale_admissions"."state" = 'held';--> statement-breakpoint
CREATE INDEX "flash_sale_registrations_token_idx" ON "flash_sale_registrations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "flash_sales_market_idx" ON "flash_sales" USING btree ("market_code","starts_at");