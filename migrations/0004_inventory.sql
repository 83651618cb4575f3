CREATE TABLE "location_markets" (
	"location_code" text NOT NULL,
	"market_code" text NOT NULL,
	CONSTRAINT "location_markets_location_code_market_code_pk" PRIMARY KEY("location_code","market_code")
);
--> statement-breakpoint
CREATE TABLE "reservations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"location_code" text NOT NULL,
	"sku" text NOT NULL,
	"quantity" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'held' NOT NULL,
	"release_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "reservations_reference_line_key" UNIQUE("reference","sku","location_code"),
	CONSTRAINT "reservations_quantity_check" CHECK ("reservations"."quantity" > 0),
	CONSTRAINT "reservations_state_check" CHECK ("reservations"."state" in ('held', 'committed', 'released')),
	CONSTRAINT "reservations_settled_check" CHECK (("reservations"."state" = 'held') = ("reservations"."settled_at" is null) and ("reservations"."state" = 'released') = ("reservations"."release_reason" is not null)),
	CONSTRAINT "reservations_release_reason_check" CHECK ("reservations"."release_reason" is null or "reservations"."release_reason" in ('cancelled', 'expired'))
);
--> statement-breakpoint
CREATE TABLE "stock_adjustments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"location_code" text NOT NULL,
	"sku" text NOT NULL,
	"delta" integer NOT NULL,
	"on_hand_after" integer NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_levels" (
	"location_code" text NOT NULL,
	"sku" text NOT NULL,
	"on_hand" integer DEFAULT 0 NOT NULL,
	"reserved" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_levels_location_code_sku_pk" PRIMARY KEY("location_code","sku"),
	CONSTRAINT "stock_levels_on_hand_check" CHECK ("stock_levels"."on_hand" >= 0),
	CONSTRAINT "stock_levels_reserved_check" CHECK ("stock_levels"."reserved" >= 0),
	CONSTRAINT "stock_levels_reserved_on_hand_check" CHECK ("stock_levels"."reserved" <= "stock_levels"."on_hand")
);
--> statement-breakpoint
CREATE TABLE "stock_locations" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_locations_code_check" CHECK ("stock_locations"."code" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);
--> statement-breakpoint
ALTER TABLE "location_markets" ADD CONSTRAINT "location_markets_location_code_stock_locations_code_fk" FOREIGN KEY ("location_code") REFERENCES "public"."stock_locations"("code") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "location_markets" ADD CONSTRAINT "location_markets_market_code_markets_code_fk" FOREIGN KEY ("market_code") REFERENCES "public"."markets"("code") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_stock_level_fk" FOREIGN KEY ("location_code","sku") REFERENCES "public"."stock_levels"("location_code","sku") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "stock_adjustments" ADD CONSTRAINT "stock_adjustments_stock_level_fk" FOREIGN KEY ("location_code","sku") REFERENCES "public"."stock_levels"("location_code","sku") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_location_code_stock_locations_code_fk" FOREIGN KEY ("location_code") REFERENCES "public"."stock_locations"("code") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_sku_variants_sku_fk" FOREIGN KEY ("sku") REFERENCES "public"."variants"("sku") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
CREATE INDEX "location_markets_market_idx" ON "location_markets" USING btree ("market_code");--> statement-breakpoint
CREATE INDEX "reservations_stock_level_idx" ON "reservations" USING btree ("location_code","sku");--> statement-breakpoint
CREATE INDEX "reservations_held_expiry_idx" ON "reservations" USING btree ("expires_at") WHERE "reservations"."state" = 'held';--> statement-breakpoint
CREATE INDEX "stock_adjustments_stock_level_idx" ON "stock_adjustments" USING btree ("location_code","sku","id");--> statement-breakpoint
CREATE INDEX "stock_levels_sku_idx" ON "stock_levels" USING btree ("sku");