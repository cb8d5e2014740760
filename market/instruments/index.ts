// The instrument registry's public API. The default universe ships as a data file beside this
// module; market/ does no I/O, so only its location is exported and config/instruments.ts reads it.
export { InstrumentRegistry, UnknownSymbolError, type RegistryResult } from './registry.ts';
export {
  INSTRUMENT_CLASSES,
  VENUES,
  VENUES_BY_CLASS,
  instrumentFileSchema,
  instrumentSchema,
  type Instrument,
  type InstrumentClass,
  type InstrumentFile,
  type Venue,
} from './schema.ts';

export const DEFAULT_INSTRUMENTS_URL = new URL('./instruments.json', import.meta.url);
