import type { MethodName, Output, ParsedInput } from '../../../shared/contract/index.js';

/** A handler receives input the schema already parsed, and may throw CodedError: the transport turns it into data. */
export type Handler<K extends MethodName> = (input: ParsedInput<K>) => Promise<Output<K>>;
export type HandlerMap<K extends MethodName> = { [P in K]: Handler<P> };
