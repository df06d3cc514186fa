import type { EntryLocation, JsonValue, Verifier } from '@auditgate/core';
import { InputError } from '../errors.js';
import type { EntrySink } from '../read/read-entries.js';
import type { LineFindings } from './line-findings.js';

/**
 * Feeds the values read from one file to the verifier. A JSON Lines line that is not JSON, or whose value
 * nests so deep that checking it runs out of stack, becomes a `malformed` finding for that line,
 * and the lines after it are still verified.
 *
 * @param file the file's name, for the message about a document that cannot be checked.
 */
export function verifierSink(verifier: Verifier, lineFindings: LineFindings, file: string): EntrySink {
  return {
    entry(value: JsonValue, location: EntryLocation): void {
      const position = verifier.findingCount;
      try {
        verifier.add(value, location);
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        lineFindings.add(location, `the entry cannot be checked: ${error.message}, most likely because its values nest too deep`, position, false);
      }
    },
    document(values: readonly JsonValue[], locations: readonly EntryLocation[]): void {
      try {
        verifier.addAll(values, locations);
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        throw new InputError(`${file}: an entry of the document cannot be checked: ${error.message}, most likely because its values nest too deep`, { cause: error });
      }
    },
    unreadable({ location, message }): void {
      lineFindings.add(location, message, verifier.findingCount, true);
    },
  };
}
