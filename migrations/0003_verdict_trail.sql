CREATE TABLE "verdict_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"product_id" uuid NOT NULL,
	"market_code" text NOT NULL,
	"from_sellable" boolean,
	"to_sellable" boolean NOT NULL,
	"from_gates" jsonb,
	"to_gates" jsonb NOT NULL,
	"reasons" jsonb NOT NULL,
	"cause" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verdict_states" (
	"product_id" uuid NOT NULL,
	"market_code" text NOT NULL,
	"sellable" boolean NOT NULL,
	"gates" jsonb NOT NULL,
	"evaluated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "verdict_states_product_id_market_code_pk" PRIMARY KEY("product_id","market_code")
);
--> statement-breakpoint
ALTER TABLE "verdict_changes" ADD CONSTRAINT "verdict_changes_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verdict_changes" ADD CONSTRAINT "verdict_changes_market_code_markets_code_fk" FOREIGN KEY ("market_code") REFERENCES "public"."markets"("code") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "verdict_states" ADD CONSTRAINT "verdict_states_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verdict_states" ADD CONSTRAINT "verdict_states_market_code_markets_code_fk" FOREIGN KEY ("market_code") REFERENCES "public"."markets"("code") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
CREATE INDEX "verdict_changes_product_market_idx" ON "verdict_changes" USING btree ("product_id","market_code","id");