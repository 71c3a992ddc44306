/**
 * `npm run check:manifests`: renders every kustomize overlay under deploy/k8s/overlays with
 * `kubectl kustomize` and validates each object against the Kubernetes OpenAPI schemas (the
 * `kubernetes-models` classes' `validate()`), plus the few rules our services rely on: probes on
 * /health/live and /health/ready, and resource requests and limits. Exits 1 on the first overlay
 * with a problem, listing all of its problems.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ROOT } from './services';

export const OVERLAYS_DIR = join(ROOT, 'deploy/k8s/overlays');

interface K8sObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string };
  spec?: Record<string, unknown>;
}

type Model = new (data: unknown) => { validate(): void };

/** `apps/v1` → `kubernetes-models/apps/v1`; the core group `v1` → `kubernetes-models/v1`. */
async function modelFor(apiVersion: string, kind: string): Promise<Model | undefined> {
  if (!/^([a-z0-9.-]+\/)?v[0-9]+((alpha|beta)[0-9]+)?$/.test(apiVersion)) return undefined;
  try {
    const module = (await import(/* @vite-ignore */ `kubernetes-models/${apiVersion}`)) as Record<
      string,
      unknown
    >;
    const model = module[kind];
    return typeof model === 'function' ? (model as Model) : undefined;
  } catch {
    return undefined;
  }
}

interface Container {
  name?: string;
  readinessProbe?: { httpGet?: { path?: string } };
  livenessProbe?: { httpGet?: { path?: string } };
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

/** What the schema cannot say but our services need: the health probes and bounded resources. */
function serviceRules(object: K8sObject): string[] {
  if (object.kind !== 'Deployment') return [];
  const template = object.spec?.template as { spec?: { containers?: Container[] } } | undefined;
  return (template?.spec?.containers ?? []).flatMap((c) => {
    const problems: string[] = [];
    if (c.readinessProbe?.httpGet?.path !== '/health/ready')
      problems.push(`container ${c.name}: readinessProbe must GET /health/ready`);
    if (c.livenessProbe?.httpGet?.path !== '/health/live')
      problems.push(`container ${c.name}: livenessProbe must GET /health/live`);
    for (const kind of ['requests', 'limits'] as const) {
      if (!c.resources?.[kind]?.cpu || !c.resources?.[kind]?.memory)
        problems.push(`container ${c.name}: resources.${kind} needs cpu and memory`);
    }
    return problems;
  });
}

/** Every problem of a multi-document YAML stream of Kubernetes objects, each prefixed with the object. */
export async function validateManifests(yamlText: string): Promise<string[]> {
  const problems: string[] = [];
  for (const document of parseAllDocuments(yamlText)) {
    if (document.errors.length > 0) {
      problems.push(...document.errors.map((e) => `YAML: ${e.message}`));
      continue;
    }
    const object = document.toJS() as K8sObject | null;
    if (object === null) continue;
    const label = `${object.kind ?? '?'}/${object.metadata?.name ?? '?'}`;
    if (!object.apiVersion || !object.kind) {
      problems.push(`${label}: apiVersion and kind are required`);
      continue;
    }
    const Model = await modelFor(object.apiVersion, object.kind);
    if (!Model) {
      problems.push(`${label}: unknown kind ${object.kind} in ${object.apiVersion}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      problems.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
    }
    problems.push(...serviceRules(object).map((p) => `${label}: ${p}`));
  }
  return problems;
}

/** `kubectl kustomize <dir>`; throws with a clear line when kubectl is missing or the render fails. */
export function render(dir: string): string {
  const result = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(
      'kubectl is not installed: the manifest check needs kubectl (with its built-in kustomize) on PATH',
    );
  }
  if (result.status !== 0) throw new Error(`kubectl kustomize ${dir} failed:\n${result.stderr}`);
  return result.stdout;
}

export function overlays(): string[] {
  return readdirSync(OVERLAYS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(OVERLAYS_DIR, entry.name));
}

async function main() {
  let failed = false;
  for (const dir of overlays()) {
    const rendered = render(dir);
    const count = parseAllDocuments(rendered).length;
    const problems = await validateManifests(rendered);
    const name = dir.slice(ROOT.length);
    if (problems.length > 0) {
      failed = true;
      console.error(`${name}: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
    } else {
      console.log(`${name}: ${count} objects valid`);
    }
  }
  if (failed) process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(`check:manifests: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
