CREATE TABLE "certificate_coverage" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"certificate_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"variant_id" uuid,
	CONSTRAINT "certificate_coverage_key" UNIQUE NULLS NOT DISTINCT("certificate_id","product_id","variant_id")
);
--> statement-breakpoint
CREATE TABLE "certificate_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"certificate_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"requirement_code" text NOT NULL,
	"identifier" text,
	"holder" text NOT NULL,
	"issued_by" text NOT NULL,
	"issued_on" date NOT NULL,
	"expires_on" date,
	"status" text DEFAULT 'valid' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificates_requirement_identifier_key" UNIQUE("requirement_code","identifier"),
	CONSTRAINT "certificates_status_check" CHECK ("certificates"."status" in ('valid', 'suspended', 'revoked', 'withdrawn')),
	CONSTRAINT "certificates_dates_check" CHECK ("certificates"."expires_on" is null or "certificates"."expires_on" > "certificates"."issued_on")
);
--> statement-breakpoint
CREATE TABLE "cloud_regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"country" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cloud_services" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deployments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_code" text NOT NULL,
	"region_code" text NOT NULL,
	"live_from" date,
	"retired_on" date,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deployments_dates_check" CHECK ("deployments"."retired_on" is null or ("deployments"."live_from" is not null and "deployments"."retired_on" > "deployments"."live_from"))
);
--> statement-breakpoint
ALTER TABLE "certificate_coverage" ADD CONSTRAINT "certificate_coverage_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_coverage" ADD CONSTRAINT "certificate_coverage_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_coverage" ADD CONSTRAINT "certificate_coverage_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_documents" ADD CONSTRAINT "certificate_documents_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_service_code_cloud_services_code_fk" FOREIGN KEY ("service_code") REFERENCES "public"."cloud_services"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_region_code_cloud_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."cloud_regions"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certificate_coverage_product_idx" ON "certificate_coverage" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "certificate_documents_certificate_idx" ON "certificate_documents" USING btree ("certificate_id");--> statement-breakpoint
CREATE INDEX "certificates_requirement_idx" ON "certificates" USING btree ("requirement_code");--> statement-breakpoint
CREATE INDEX "deployments_service_idx" ON "deployments" USING btree ("service_code");