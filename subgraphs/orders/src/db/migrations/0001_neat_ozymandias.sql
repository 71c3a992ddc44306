CREATE TABLE "fulfillment_steps" (
	"order_id" uuid NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"reason" text,
	CONSTRAINT "fulfillment_steps_order_id_name_pk" PRIMARY KEY("order_id","name"),
	CONSTRAINT "fulfillment_steps_name_check" CHECK ("fulfillment_steps"."name" in ('PLACE_ORDER', 'CREATE_SHIPMENT', 'RESERVE_CAPACITY', 'PICK_UP', 'DELIVER', 'CANCEL')),
	CONSTRAINT "fulfillment_steps_status_check" CHECK ("fulfillment_steps"."status" in ('DONE', 'FAILED'))
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
ALTER TABLE "orders" DROP CONSTRAINT "orders_status_check";--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "unit_weight_grams" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "total_weight_grams" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "shipping_address" jsonb;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "rejection_reason" text;--> statement-breakpoint
ALTER TABLE "fulfillment_steps" ADD CONSTRAINT "fulfillment_steps_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_deliveries" ADD CONSTRAINT "event_deliveries_seq_event_outbox_seq_fk" FOREIGN KEY ("seq") REFERENCES "public"."event_outbox"("seq") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_dead_letters_at_idx" ON "event_dead_letters" USING btree ("at");--> statement-breakpoint
CREATE INDEX "event_outbox_aggregate_seq_idx" ON "event_outbox" USING btree ("aggregate_type","aggregate_id","seq");--> statement-breakpoint
CREATE INDEX "orders_pending_created_at_idx" ON "orders" USING btree ("created_at") WHERE "orders"."status" = 'PENDING';--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_unit_weight_grams_check" CHECK ("order_lines"."unit_weight_grams" >= 0);--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_total_weight_grams_check" CHECK ("orders"."total_weight_grams" >= 0);--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_rejection_reason_check" CHECK (("orders"."rejection_reason" is null) = ("orders"."status" <> 'REJECTED'));--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_status_check" CHECK (status in ('PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REJECTED'));