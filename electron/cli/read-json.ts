import { readFileSync } from 'node:fs';
import { CodedError } from '../../shared/result.js';

/** Reads a JSON file named on the command line; a missing or malformed file is one clear line. */
export function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CodedError('io', `cannot read the ${what} file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CodedError('bad-input', `the ${what} file ${path} is not valid JSON: ${(e as Error).message}`);
  }
}
