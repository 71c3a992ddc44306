import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CleanupStack } from '@freightgraph/platform/testing';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphql } from './__generated__';
import { admin, tokens } from './auth';
import { eventually, execute, metric } from './client';

// Debian's Chromium, never a downloaded browser. CI installs it (`.ci/run`); elsewhere it may be absent.
const CHROMIUM = '/usr/bin/chromium';
const { gatewayUrl, subgraphUrls } = inject('graph');
const cleanup = new CleanupStack();
let browser: Browser;

const Candidates = graphql(`
  query PlaygroundCandidates {
    shipments(first: 40, status: IN_TRANSIT) { edges { node { id order { customer { name } } } } }
  }
`);

const Move = graphql(`
  mutation PlaygroundMove($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { id } }
`);

describe.skipIf(!existsSync(CHROMIUM))(
  `the playground in a browser${existsSync(CHROMIUM) ? '' : ` (skipped: ${CHROMIUM} is not installed; apt-get install chromium)`}`,
  () => {
    beforeAll(async () => {
      // Playwright gives the browser a fresh, empty profile of its own.
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      cleanup.defer(() => browser.close());
    }, 60_000);
    afterAll(() => cleanup.run());

    it('runs a subscription over the page socket and shows each event as it arrives', async () => {
      const nodes = (await execute(gatewayUrl, Candidates, {}, admin)).data!.shipments.edges.map(
        (edge) => edge.node,
      );
      const shipment = nodes.at(-8)!;
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));

      await page.goto(gatewayUrl.replace(/\/graphql$/, '/'));
      const editor = page.locator('.graphiql-query-editor .CodeMirror');
      await editor.waitFor({ timeout: 30_000 });
      const query = `subscription PlaygroundTracking {
  trackingUpdates(shipmentId: "${shipment.id}") {
    status note
    shipment { order { customer { name } } }
  }
}`;
      // CodeMirror 5 keeps its instance on the element: setting the text is what typing ends in.
      await editor.evaluate((element, text) => {
        (element as unknown as { CodeMirror: { setValue(value: string): void } }).CodeMirror.setValue(text);
      }, query);
      // As a person would: the token goes into the Headers tab, and the socket sends it in connection_init.
      await page.getByRole('button', { name: 'Headers' }).click();
      const headersEditor = page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror');
      await headersEditor.waitFor();
      await headersEditor.evaluate(
        (element, text) => {
          (element as unknown as { CodeMirror: { setValue(value: string): void } }).CodeMirror.setValue(text);
        },
        JSON.stringify({ authorization: admin.authorization }),
      );
      // GraphiQL derives the document and operation name from an edit after a short debounce; running
      // before that would send the previous (default) query.
      await page.waitForTimeout(1_000);
      // The shipments subgraph's pub/sub listeners: delivery is at-most-once, so the event must be
      // recorded only once the upstream subscription is listening, not merely once the gateway counts it.
      const listeners = async () =>
        metric(subgraphUrls.shipments, 'freightgraph_pubsub_subscribers', await tokens.internal('admin'));
      const before = await metric(
        gatewayUrl,
        'freightgraph_gateway_subscriptions',
        await tokens.internal('admin'),
      );
      const listening = await listeners();
      await page.locator('.graphiql-execute-button').click();
      await eventually(async () => {
        expect(
          await metric(gatewayUrl, 'freightgraph_gateway_subscriptions', await tokens.internal('admin')),
          problems.join('\n'),
        ).toBe(before + 1);
        expect(await listeners()).toBe(listening + 1);
      });

      const note = `seen in the browser ${Date.now()}`;
      const moved = await execute(
        gatewayUrl,
        Move,
        {
          input: { shipmentId: shipment.id, status: 'IN_TRANSIT', location: { lat: 53.55, lng: 9.99 }, note },
        },
        admin,
      );
      expect(moved.errors).toBeUndefined();
      const response = page.locator('.graphiql-response');
      // What is rendered, as a person reads it: CodeMirror's DOM text also holds its measuring nodes.
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point here
      const shown = () => response.innerText();
      await expect.poll(shown, { timeout: 15_000 }).toContain(note);
      expect(await shown()).toContain(shipment.order.customer.name);
      await page.screenshot({ path: join(tmpdir(), 'freightgraph-playground-subscription.png') });
      expect(problems).toEqual([]);

      await page.close();
      await eventually(async () =>
        expect(
          await metric(gatewayUrl, 'freightgraph_gateway_subscriptions', await tokens.internal('admin')),
        ).toBe(before),
      );
    });
  },
);
