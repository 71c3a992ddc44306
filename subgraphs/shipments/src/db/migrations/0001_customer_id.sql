ALTER TABLE "shipments" ADD COLUMN "customer_id" uuid;--> statement-breakpoint
CREATE INDEX "shipments_customer_id_created_at_id_idx" ON "shipments" USING btree ("customer_id","created_at","id");