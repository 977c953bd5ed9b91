/**
 * Measures YAML parsing and the schema layer on a generated 100,000-object manifest file.
 *
 * Usage: `npx tsx scripts/bench-parse-schema.ts [objects]` (default 100000). Prints MB, objects/s
 * and microseconds per object for parsing, for the schema rules, and for both.
 */
import { parseYaml } from '../src/validation/parse';
import { SCHEMA_RULES } from '../src/validation/schema';
import { PodSecurityLevel, RuleContext } from '../src/validation/rule';

/** A realistic mix: Deployments, Services and ConfigMaps (~550 bytes per object on average). */
export function generateManifests(count: number): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = `app-${i}`;
    switch (i % 3) {
      case 0:
        docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${n}
  namespace: shop
  labels:
    app.kubernetes.io/name: ${n}
spec:
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: ${n}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${n}
    spec:
      containers:
        - name: web
          image: "registry.example.com/shop/${n}:1.4.2"
          ports:
            - containerPort: 8080
              name: http
          resources:
            limits: { cpu: 500m, memory: 256Mi }
            requests: { cpu: 100m, memory: 128Mi }
          readinessProbe:
            httpGet: { path: /healthz, port: http }
`);
        break;
      case 1:
        docs.push(`apiVersion: v1
kind: Service
metadata:
  name: ${n}
  namespace: shop
  labels:
    app.kubernetes.io/name: ${n}
  annotations:
    example.com/owner: team-shop # owning team
spec:
  type: ClusterIP
  selector:
    app.kubernetes.io/name: ${n}
  ports:
    - name: http
      port: 80
      targetPort: http
      protocol: TCP
`);
        break;
      default:
        docs.push(`apiVersion: v1
kind: ConfigMap
metadata:
  name: ${n}
  namespace: shop
data:
  LOG_LEVEL: info
  FEATURE_FLAGS: "a,b,c"
  config.yaml: |
    server:
      port: 8080
      timeout: 30s
    cache:
      enabled: true
`);
    }
  }
  return docs.join('---\n');
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

function main(): void {
  const count = Number(process.argv[2] ?? 100000);
  const text = generateManifests(count);
  const context: RuleContext = { podSecurity: PodSecurityLevel.BASELINE, external: [] };
  console.log(`${count} objects, ${(text.length / 1e6).toFixed(1)} MB`);
  for (let round = 0; round < 3; round++) {
    let t = process.hrtime.bigint();
    let cpu = process.cpuUsage();
    const { objects, problems } = parseYaml(text, 'bench.yaml');
    const parseMs = Number(process.hrtime.bigint() - t) / 1e6;
    const parseCpuMs = cpuMs(cpu);
    if (problems.length > 0 || objects.length !== count) throw new Error(`unexpected parse result: ${problems.length} problems`);
    t = process.hrtime.bigint();
    cpu = process.cpuUsage();
    let findings = 0;
    for (const o of objects) for (const rule of SCHEMA_RULES) findings += rule.check(o.object, context).length;
    const schemaMs = Number(process.hrtime.bigint() - t) / 1e6;
    const schemaCpuMs = cpuMs(cpu);
    if (findings > 0) throw new Error(`unexpected findings: ${findings}`);
    const us = (ms: number) => ((ms * 1000) / count).toFixed(2);
    console.log(
      `round ${round + 1}: parse ${parseMs.toFixed(0)} ms (${us(parseMs)} us/object), ` +
        `schema ${schemaMs.toFixed(0)} ms (${us(schemaMs)} us/object), ` +
        `together ${Math.round((count * 1000) / (parseMs + schemaMs))} objects/s; ` +
        `CPU time: parse ${us(parseCpuMs)} us/object, schema ${us(schemaCpuMs)} us/object`,
    );
  }
}

if (require.main === module) main();
