import { describe, expect, it } from 'vitest';
import { overlays, render, validateManifests } from '../scripts/validate-manifests';

const deployment = (spec: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: broken
spec:
${spec}`;

const GOOD_SPEC = `  replicas: 2
  selector:
    matchLabels: { app: x }
  template:
    metadata:
      labels: { app: x }
    spec:
      containers:
        - name: x
          image: x
          readinessProbe: { httpGet: { path: /health/ready, port: 80 } }
          livenessProbe: { httpGet: { path: /health/live, port: 80 } }
          resources:
            requests: { cpu: 100m, memory: 64Mi }
            limits: { cpu: "1", memory: 128Mi }
`;

describe('manifest validation', () => {
  it('accepts a valid object', async () => {
    expect(await validateManifests(deployment(GOOD_SPEC))).toEqual([]);
  });

  it('rejects an object that breaks the Kubernetes schema', async () => {
    const problems = await validateManifests(deployment(GOOD_SPEC.replace('replicas: 2', 'replicas: two')));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Deployment\/broken: .*replicas/);
  });

  it('rejects a container without its required image-less name, an unknown kind, and missing probes', async () => {
    const noName = await validateManifests(
      deployment(GOOD_SPEC.replace('- name: x\n          image: x', '- image: x')),
    );
    expect(noName.join('\n')).toMatch(/name/);
    const unknown = await validateManifests(
      'apiVersion: apps/v1\nkind: Deplyment\nmetadata: { name: typo }\n',
    );
    expect(unknown).toEqual(['Deplyment/typo: unknown kind Deplyment in apps/v1']);
    const unprobed = await validateManifests(deployment(GOOD_SPEC.replace(/ {10}readinessProbe.*\n/, '')));
    expect(unprobed).toEqual(['Deployment/broken: container x: readinessProbe must GET /health/ready']);
  });

  it('renders every overlay with kubectl kustomize, and every object is valid', async () => {
    const dirs = overlays();
    expect(dirs.map((d) => d.split('/').pop()).sort()).toEqual(['dev', 'prod']);
    for (const dir of dirs) expect(await validateManifests(render(dir))).toEqual([]);
  });
});
