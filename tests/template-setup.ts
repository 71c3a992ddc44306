import { prepareStoreTemplate, storeTemplate } from './harness';

let drop: (() => Promise<void>) | undefined;

/**
 * The seeded store template every graph starts from (see prepareStoreTemplate). Both projects list
 * this file, and vitest runs the projects' global setups one after another, so the first makes it.
 */
export async function setup() {
  if (!storeTemplate()) drop = await prepareStoreTemplate();
}

export async function teardown() {
  await drop?.();
}
