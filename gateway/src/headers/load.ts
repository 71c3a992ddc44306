import { readFileSync } from 'node:fs';
import { ConfigError } from '@freightgraph/platform';
import { parse } from 'yaml';
import { compileHeaderRules, type HeaderRules, headerRulesFile } from './rules';

/**
 * The header rules of `GATEWAY_HEADERS_FILE` (YAML, or JSON, which YAML reads too), validated once at
 * start-up; every problem is reported in one ConfigError line. No file: no rules.
 */
export function loadHeaderRules(path: string | undefined): HeaderRules {
  if (!path) return compileHeaderRules();
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigError(`invalid GATEWAY_HEADERS_FILE ${path}: ${reason}`);
  }
  const result = headerRulesFile.safeParse(raw ?? {});
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`,
    );
    throw new ConfigError(`invalid GATEWAY_HEADERS_FILE ${path}: ${problems.join('; ')}`);
  }
  return compileHeaderRules(result.data);
}
