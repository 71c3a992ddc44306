import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CleanupStack } from '@freightgraph/platform/testing';
import { type Browser, type BrowserContext, chromium, type Page, type WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SIGN_IN_ROLES } from '../gateway/src/playground/dev-token';
import { PRESETS, type Preset } from '../gateway/src/playground/presets';
import { graphql } from './__generated__';
import { admin, tokens } from './auth';
import { eventually, execute, metric, post } from './client';

// Debian's Chromium, never a downloaded browser. CI installs it (`.ci/run`); elsewhere it may be absent.
const CHROMIUM = '/usr/bin/chromium';
const { gatewayUrl, subgraphUrls } = inject('graph');
const origin = new URL(gatewayUrl).origin;
const cleanup = new CleanupStack();
let browser: Browser;
let context: BrowserContext;
let page: Page;
const requested: string[] = [];
const problems: string[] = [];

const Move = graphql(`
  mutation PlaygroundMove($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { id } }
`);

interface BrowserGlobals {
  navigator: { clipboard: { writeText(text: string): Promise<void> } };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Opens a sidebar panel of the playground unless it is open already. */
async function showPanel(title: string): Promise<void> {
  const show = page.getByRole('button', { name: `Show ${title}`, exact: true });
  if (await show.isVisible()) await show.click();
  await page.getByRole('region', { name: title }).waitFor();
}

async function signInAs(role: Preset['role']): Promise<void> {
  const { label } = SIGN_IN_ROLES.find((candidate) => candidate.role === role)!;
  await showPanel('Sign in');
  await page.getByRole('button', { name: new RegExp(`^${escapeRegExp(label)}`) }).click();
  await page
    .getByTestId('signed-in')
    .filter({ hasText: `Signed in as ${label}` })
    .waitFor();
}

/** The next GraphQL POST the page sends whose query contains `marker`, with what came back. */
function nextGraphQLResponse(marker: string, timeout = 30_000) {
  return page
    .waitForResponse(
      (response) =>
        response.url() === gatewayUrl &&
        response.request().method() === 'POST' &&
        (response.request().postData() ?? '').includes(marker),
      { timeout },
    )
    .then(async (response) => ({
      sent: JSON.parse(response.request().postData()!) as Record<string, unknown>,
      body: (await response.json()) as { data?: unknown; errors?: { message: string }[] },
    }));
}

// What is rendered, as a person reads it (Monaco draws the visible lines only, which is what they see),
// with its wrapping and non-breaking spaces read as plain spaces.
const shownResponse = async () =>
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point here
  (await page.locator('.graphiql-response').innerText()).replace(/\s+/g, ' ');

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
      context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      // Pasting goes through the real clipboard, as a person's Ctrl-V does.
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
      page = await context.newPage();
      page.on('request', (request) => requested.push(request.url()));
      page.on('websocket', (socket) => requested.push(socket.url()));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
    }, 60_000);
    afterAll(() => cleanup.run());

    it('loads from the gateway alone, signs in as a customer and runs a pasted query at once', async () => {
      // The first load may wait for the gateway's first bundle build (uncached on a fresh clone).
      await page.goto(`${origin}/`);
      await page.locator('.graphiql-query-editor .monaco-editor').waitFor({ timeout: 120_000 });
      await signInAs('customer');

      const customerId = PRESETS.find((preset) => preset.title === "A customer's page")!.variables!.id;
      const expected = await post<{ customer: { name: string } }>(
        gatewayUrl,
        { query: 'query Name($id: ID!) { customer(id: $id) { name } }', variables: { id: customerId } },
        admin,
      );
      const name = expected.data!.customer.name;
      // Replace the named example with an anonymous query and run it before GraphiQL's debounce: the
      // stale operation name of the example ("RecentOrders") must not go out with it.
      const query = `{ customer(id: "${customerId}") { name email } }`;
      // On a loaded machine the first keystrokes can reach an editor still settling (CI once saw no
      // request within 30 s): the paste-and-run is tried again, each time at once, never the checks.
      let outcome: Awaited<ReturnType<typeof nextGraphQLResponse>> | undefined;
      for (let attempt = 1; !outcome; attempt++) {
        await page.locator('.graphiql-query-editor .monaco-editor').click();
        await page.keyboard.press('Control+A');
        await page.evaluate(
          // Runs in the page; the tests' Node typings have no DOM.
          (text) => (globalThis as unknown as BrowserGlobals).navigator.clipboard.writeText(text),
          query,
        );
        const response = nextGraphQLResponse('email', attempt < 3 ? 10_000 : 30_000);
        await page.keyboard.press('Control+V');
        await page.keyboard.press('Control+Enter');
        outcome = await response.catch((error: unknown) => {
          if (attempt >= 3) throw error;
          return undefined;
        });
      }
      const { sent, body } = outcome;
      expect(sent.query).toBe(query);
      expect(sent.operationName).toBeUndefined();
      expect(body).toEqual({ data: { customer: { name, email: expect.any(String) } } });
      await expect.poll(shownResponse, { timeout: 15_000 }).toContain(name);
    });

    it('runs every journey as the role it names', async () => {
      for (const preset of PRESETS.filter((candidate) => !candidate.query.startsWith('subscription'))) {
        await signInAs(preset.role);
        await showPanel('Journeys');
        await page.getByRole('button', { name: new RegExp(`^${escapeRegExp(preset.title)}`) }).click();
        const operation = /^\w+ (\w+)/.exec(preset.query)![1]!;
        const response = nextGraphQLResponse(operation);
        await page.locator('.graphiql-execute-button').click();
        const { sent, body } = await response;
        expect(sent.operationName, preset.title).toBe(operation);
        expect(body.errors, preset.title).toBeUndefined();
        expect(body.data, preset.title).toBeTruthy();
        await expect.poll(shownResponse, { timeout: 15_000 }).toContain('"data"');
      }
    });

    it('shows live tracking events as they are recorded, over the signed-in socket', async () => {
      const preset = PRESETS.find((candidate) => candidate.title === 'Live tracking')!;
      const shipmentId = preset.variables!.shipmentId as string;
      await signInAs(preset.role);
      await showPanel('Journeys');
      await page.getByRole('button', { name: /^Live tracking/ }).click();
      // The page's socket runs through Playwright, which can drop it as a network failure would.
      const sockets: { page: WebSocketRoute; gateway: WebSocketRoute }[] = [];
      await page.routeWebSocket(/\/graphql$/, (socket) => {
        sockets.push({ page: socket, gateway: socket.connectToServer() });
      });
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
      }, 30_000);

      // Fired through HTTP by someone else (an admin): it reaches the customer's open subscription.
      const record = async (note: string) => {
        const moved = await execute(
          gatewayUrl,
          Move,
          { input: { shipmentId, status: 'IN_TRANSIT', location: { lat: 53.55, lng: 9.99 }, note } },
          admin,
        );
        expect(moved.errors).toBeUndefined();
        await expect.poll(shownResponse, { timeout: 15_000 }).toContain(note);
      };
      await record(`seen in the browser ${Date.now()}`);
      expect(await shownResponse()).toContain('IN_TRANSIT');
      await page.screenshot({ path: join(tmpdir(), 'freightgraph-playground-subscription.png') });

      // The connection drops (1012, a restart): the client reconnects and subscribes again by itself.
      // Both ends see it closed, as with a gateway restart. Playwright's end towards the gateway is a
      // browser WebSocket, which may close only with 1000 or 3000-4999: with 1012 it stayed open.
      expect(sockets).toHaveLength(1);
      await sockets[0]!.gateway.close({ code: 1000, reason: 'dropped by the test' });
      await sockets[0]!.page.close({ code: 1012, reason: 'dropped by the test' });
      await eventually(async () => {
        expect(sockets).toHaveLength(2);
        expect(
          await metric(gatewayUrl, 'freightgraph_gateway_subscriptions', await tokens.internal('admin')),
        ).toBe(before + 1);
        expect(await listeners()).toBe(listening + 1);
      }, 30_000);
      await record(`seen after reconnecting ${Date.now()}`);

      // Leaving the page ends the subscription at the gateway.
      await page.close();
      await eventually(
        async () =>
          expect(
            await metric(gatewayUrl, 'freightgraph_gateway_subscriptions', await tokens.internal('admin')),
          ).toBe(before),
        30_000,
      );
    });

    it('sent nothing anywhere but the gateway, and logged no error', () => {
      const wsOrigin = origin.replace(/^http/, 'ws');
      const elsewhere = requested.filter(
        (url) => !url.startsWith(`${origin}/`) && !url.startsWith(`${wsOrigin}/`),
      );
      expect(requested.length).toBeGreaterThan(5);
      expect(elsewhere).toEqual([]);
      expect(requested.some((url) => url.includes('.worker.'))).toBe(true);
      expect(problems).toEqual([]);
    });
  },
);
