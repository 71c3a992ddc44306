CREATE TABLE "vehicle_position_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL,
	"pruned_seq" bigint NOT NULL,
	CONSTRAINT "vehicle_position_head_one_row" CHECK ("vehicle_position_head"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "vehicle_positions" (
	"seq" bigint DEFAULT 0 NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"reported_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
INSERT INTO "vehicle_position_head" ("id", "last_seq", "pruned_seq") VALUES (1, 0, 0);--> statement-breakpoint
-- Every insert takes the next number under the head row's lock, held until its transaction commits
-- (see vehiclePositionHead in schema.ts): numbers become visible in commit order.
CREATE FUNCTION "vehicle_positions_next_seq"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE "vehicle_position_head" SET "last_seq" = "last_seq" + 1 WHERE "id" = 1 RETURNING "last_seq" INTO NEW."seq";
	RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "vehicle_positions_seq" BEFORE INSERT ON "vehicle_positions" FOR EACH ROW EXECUTE FUNCTION "vehicle_positions_next_seq"();--> statement-breakpoint
ALTER TABLE "vehicle_positions" ADD CONSTRAINT "vehicle_positions_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "vehicle_positions_seq_idx" ON "vehicle_positions" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "vehicle_positions_vehicle_id_seq_idx" ON "vehicle_positions" USING btree ("vehicle_id","seq");