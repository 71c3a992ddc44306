-- Nearest-vehicle search: earth_distance, ll_to_earth and the GiST KNN index on them.
CREATE EXTENSION IF NOT EXISTS cube;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS earthdistance;--> statement-breakpoint
CREATE TABLE "vehicle_reservations" (
	"shipment_id" uuid PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"vehicle_id" uuid,
	"weight_grams" integer NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"released_at" timestamp (3) with time zone,
	CONSTRAINT "vehicle_reservations_id_unique" UNIQUE("id"),
	CONSTRAINT "vehicle_reservations_status_check" CHECK ("vehicle_reservations"."status" in ('ACTIVE', 'RELEASED', 'FAILED', 'CANCELLED')),
	CONSTRAINT "vehicle_reservations_weight_check" CHECK ("vehicle_reservations"."weight_grams" >= 0),
	CONSTRAINT "vehicle_reservations_vehicle_check" CHECK (("vehicle_reservations"."vehicle_id" is null) = ("vehicle_reservations"."status" in ('FAILED', 'CANCELLED')))
);
--> statement-breakpoint
CREATE TABLE "event_dead_letters" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"consumer" text NOT NULL,
	"event_id" text,
	"type" text,
	"version" integer,
	"reason" text NOT NULL,
	"body" text NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_deliveries" (
	"destination" text NOT NULL,
	"seq" bigint NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	CONSTRAINT "event_deliveries_destination_seq_pk" PRIMARY KEY("destination","seq")
);
--> statement-breakpoint
CREATE TABLE "event_inbox" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"type" text NOT NULL,
	"applied_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_inbox_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "event_outbox" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"type" text NOT NULL,
	"version" integer NOT NULL,
	"aggregate_type" text NOT NULL,
	"aggregate_id" text NOT NULL,
	"correlation_id" text NOT NULL,
	"envelope" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_outbox_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "event_relay_lease" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "reserved_grams" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "vehicle_reservations" ADD CONSTRAINT "vehicle_reservations_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_deliveries" ADD CONSTRAINT "event_deliveries_seq_event_outbox_seq_fk" FOREIGN KEY ("seq") REFERENCES "public"."event_outbox"("seq") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vehicle_reservations_vehicle_id_idx" ON "vehicle_reservations" USING btree ("vehicle_id");--> statement-breakpoint
CREATE INDEX "event_dead_letters_at_idx" ON "event_dead_letters" USING btree ("at");--> statement-breakpoint
CREATE INDEX "event_outbox_aggregate_seq_idx" ON "event_outbox" USING btree ("aggregate_type","aggregate_id","seq");--> statement-breakpoint
CREATE INDEX "vehicles_position_earth_idx" ON "vehicles" USING gist (ll_to_earth("lat", "lng"));--> statement-breakpoint
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_reserved_grams_check" CHECK ("vehicles"."reserved_grams" >= 0 and "vehicles"."reserved_grams" <= "vehicles"."capacity_kg"::bigint * 1000);