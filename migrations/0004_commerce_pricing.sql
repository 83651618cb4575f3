CREATE TABLE "prices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"market_code" text NOT NULL,
	"sku" text NOT NULL,
	"currency" text NOT NULL,
	"amount" bigint NOT NULL,
	"valid_from" timestamp with time zone,
	"valid_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prices_market_sku_from_key" UNIQUE NULLS NOT DISTINCT("market_code","sku","valid_from"),
	CONSTRAINT "prices_amount_check" CHECK ("prices"."amount" >= 0),
	CONSTRAINT "prices_currency_check" CHECK ("prices"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "prices_window_check" CHECK ("prices"."valid_until" is null or "prices"."valid_from" is null or "prices"."valid_until" > "prices"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "shipping_methods" (
	"market_code" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"currency" text NOT NULL,
	"amount" bigint NOT NULL,
	"free_above" bigint,
	"min_days" integer,
	"max_days" integer,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shipping_methods_market_code_code_pk" PRIMARY KEY("market_code","code"),
	CONSTRAINT "shipping_methods_code_check" CHECK ("shipping_methods"."code" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "shipping_methods_currency_check" CHECK ("shipping_methods"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "shipping_methods_amount_check" CHECK ("shipping_methods"."amount" >= 0 and ("shipping_methods"."free_above" is null or "shipping_methods"."free_above" >= 0)),
	CONSTRAINT "shipping_methods_days_check" CHECK (("shipping_methods"."min_days" is null or "shipping_methods"."min_days" >= 0) and ("shipping_methods"."max_days" is null or "shipping_methods"."max_days" >= coalesce("shipping_methods"."min_days", 0)))
);
--> statement-breakpoint
ALTER TABLE "prices" ADD CONSTRAINT "prices_market_code_markets_code_fk" FOREIGN KEY ("market_code") REFERENCES "public"."markets"("code") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "prices" ADD CONSTRAINT "prices_sku_variants_sku_fk" FOREIGN KEY ("sku") REFERENCES "public"."variants"("sku") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "shipping_methods" ADD CONSTRAINT "shipping_methods_market_code_markets_code_fk" FOREIGN KEY ("market_code") REFERENCES "public"."markets"("code") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
CREATE INDEX "prices_sku_idx" ON "prices" USING btree ("sku");