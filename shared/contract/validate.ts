import { fail, ok, type Result } from '../result.js';
import { isMethodName, methods, type MethodName, type ParsedInput } from './index.js';

/** Largest JSON input accepted from the renderer (a policy, a path list): anything bigger is an attack or a bug. */
export const MAX_INPUT_BYTES = 1024 * 1024;

/** Validate an untrusted call before any handler sees it. Pure: used by IPC, the WebSocket host and the CLI alike. */
export function validateCall(name: unknown, input: unknown): Result<{ name: MethodName; input: ParsedInput<MethodName> }> {
  if (!isMethodName(name)) return fail('unknown-method', `unknown method ${JSON.stringify(String(name).slice(0, 64))}`);
  let size: number;
  try {
    size = JSON.stringify(input ?? null).length;
  } catch {
    return fail('bad-input', `${name}: input is not plain data`);
  }
  if (size > MAX_INPUT_BYTES) return fail('bad-input', `${name}: input is too large (${size} bytes)`);
  const parsed = methods[name].input.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length ? `${issue.path.join('.')}: ` : '';
    return fail('bad-input', `${name}: ${where}${issue?.message ?? 'invalid input'}`, parsed.error.issues.slice(0, 10));
  }
  return ok({ name, input: parsed.data as ParsedInput<MethodName> });
}
