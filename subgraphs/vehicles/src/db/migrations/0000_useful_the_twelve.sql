CREATE TABLE "vehicles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"registration" text NOT NULL,
	"kind" text NOT NULL,
	"capacity_kg" integer NOT NULL,
	"status" text NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"position_updated_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vehicles_registration_unique" UNIQUE("registration"),
	CONSTRAINT "vehicles_kind_check" CHECK ("vehicles"."kind" in ('VAN', 'BOX_TRUCK', 'ARTICULATED_TRUCK', 'CARGO_BIKE')),
	CONSTRAINT "vehicles_status_check" CHECK ("vehicles"."status" in ('AVAILABLE', 'ON_ROUTE', 'MAINTENANCE')),
	CONSTRAINT "vehicles_capacity_kg_check" CHECK ("vehicles"."capacity_kg" > 0),
	CONSTRAINT "vehicles_position_check" CHECK (("vehicles"."lat" is null) = ("vehicles"."lng" is null))
);
--> statement-breakpoint
CREATE INDEX "vehicles_created_at_id_idx" ON "vehicles" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "vehicles_status_created_at_id_idx" ON "vehicles" USING btree ("status","created_at","id");