CREATE TABLE "fulfillment_stream_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL,
	CONSTRAINT "fulfillment_stream_head_one_row" CHECK ("fulfillment_stream_head"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "fulfillment_steps" ADD COLUMN "seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Existing steps numbered in the order they happened, before the unique index needs distinct values.
UPDATE "fulfillment_steps" SET "seq" = numbered.n FROM (
	SELECT "order_id", "name", row_number() OVER (ORDER BY "at", "order_id", "name") AS n FROM "fulfillment_steps"
) AS numbered WHERE "fulfillment_steps"."order_id" = numbered."order_id" AND "fulfillment_steps"."name" = numbered."name";--> statement-breakpoint
INSERT INTO "fulfillment_stream_head" ("id", "last_seq") SELECT 1, coalesce(max("seq"), 0) FROM "fulfillment_steps";--> statement-breakpoint
-- Every insert takes the next number under the head row's lock, held until its transaction commits
-- (see fulfillmentStreamHead in schema.ts): numbers become visible in commit order.
CREATE FUNCTION "fulfillment_steps_next_seq"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE "fulfillment_stream_head" SET "last_seq" = "last_seq" + 1 WHERE "id" = 1 RETURNING "last_seq" INTO NEW."seq";
	RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "fulfillment_steps_seq" BEFORE INSERT ON "fulfillment_steps" FOR EACH ROW EXECUTE FUNCTION "fulfillment_steps_next_seq"();--> statement-breakpoint
CREATE UNIQUE INDEX "fulfillment_steps_seq_idx" ON "fulfillment_steps" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "fulfillment_steps_order_id_seq_idx" ON "fulfillment_steps" USING btree ("order_id","seq");
