/**
 * The floor under `validate`: the least any program must do to read a config with the
 * parser the design prescribes — load `yaml`, parse the file with the options the CLI uses
 * (positions kept), turn it into data. No schema, no diagnostics, no CLI. The validate
 * scenario bundles this file the way the CLI is bundled (floor-bundle.ts), so both load
 * the same yaml code the same way, and times it as a whole process next to `node -e 0`.
 *   argv: FILE; prints `outplans=N` on stdout.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseAllDocuments } from 'yaml';

const file = process.argv[2] ?? '';
const docs = parseAllDocuments(readFileSync(file, 'utf8'), {
  lineCounter: new LineCounter(),
  prettyErrors: false,
  uniqueKeys: true,
});
const first = Array.isArray(docs) ? docs[0] : undefined;
const value = first?.toJS() as { outplans?: unknown[] } | undefined;
process.stdout.write(`outplans=${value?.outplans?.length ?? 0}\n`);
