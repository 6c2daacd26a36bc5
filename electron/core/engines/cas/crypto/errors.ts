import { CodedError } from '../../../../../shared/result.js';

export function corrupt(message: string): CodedError {
  return new CodedError('corrupt', message);
}

export function forbidden(message: string): CodedError {
  return new CodedError('forbidden', message);
}

export function badInput(message: string): CodedError {
  return new CodedError('bad-input', message);
}
