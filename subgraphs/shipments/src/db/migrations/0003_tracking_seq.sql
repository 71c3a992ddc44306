CREATE TABLE "tracking_stream_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL,
	CONSTRAINT "tracking_stream_head_one_row" CHECK ("tracking_stream_head"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "tracking_events" ADD COLUMN "seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Existing history numbered in the order it happened, before the unique index needs distinct values.
UPDATE "tracking_events" SET "seq" = numbered.n FROM (
	SELECT "id", row_number() OVER (ORDER BY "occurred_at", "id") AS n FROM "tracking_events"
) AS numbered WHERE "tracking_events"."id" = numbered."id";--> statement-breakpoint
INSERT INTO "tracking_stream_head" ("id", "last_seq") SELECT 1, coalesce(max("seq"), 0) FROM "tracking_events";--> statement-breakpoint
-- Every insert takes the next number under the head row's lock, held until its transaction commits
-- (see trackingStreamHead in schema.ts): numbers become visible in commit order.
CREATE FUNCTION "tracking_events_next_seq"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE "tracking_stream_head" SET "last_seq" = "last_seq" + 1 WHERE "id" = 1 RETURNING "last_seq" INTO NEW."seq";
	RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "tracking_events_seq" BEFORE INSERT ON "tracking_events" FOR EACH ROW EXECUTE FUNCTION "tracking_events_next_seq"();--> statement-breakpoint
CREATE UNIQUE INDEX "tracking_events_seq_idx" ON "tracking_events" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "tracking_events_shipment_id_seq_idx" ON "tracking_events" USING btree ("shipment_id","seq");
