#!/usr/bin/env node
// Writes every resolved state machine definition of a cloud assembly to
// <out dir>/<template>.<logicalId>.asl.json (pretty-printed), for inspection and reuse.
// <template> is the template's file name without `.template.json` (`assembly-X/` folders are
// kept as a `assembly-X.` prefix). Definitions are resolved by ./resolve-definition.mjs.
//
// Usage: node tests/lint/write-definitions.mjs <cdk.out dir> <out dir>
// Exit:  0 = all written, 1 = some definition could not be resolved (the others are written),
//        2 = usage/IO error.

import fs from 'node:fs';
import path from 'node:path';
import { resolveDefinitions } from '../../scripts/rehearsal/resolve-definition.mjs';
import { findTemplates, readTemplate, stackNameOf, UsageError } from '../../scripts/rehearsal/templates.mjs';

const USAGE = 'usage: node tests/lint/write-definitions.mjs <cdk.out dir> <out dir>';

function main(argv) {
  const args = argv.slice(2);
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.length !== 2 || args.some((a) => a.startsWith('-'))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const [assemblyDir, outDir] = args;
  let failed = 0;
  let written = 0;
  try {
    const templates = findTemplates(assemblyDir);
    if (templates.length === 0) throw new UsageError(`no *.template.json in '${assemblyDir}'`);
    fs.mkdirSync(outDir, { recursive: true });
    for (const t of templates) {
      const template = readTemplate(t.file);
      const prefix = t.name.replace(/\.template\.json$/, '').split('/').join('.');
      for (const { logicalId, definition, error } of resolveDefinitions(template, { stackName: stackNameOf(t.name) })) {
        if (definition === null) {
          process.stderr.write(`${t.name} ${logicalId}: ${error}\n`);
          failed++;
          continue;
        }
        const file = path.join(outDir, `${prefix}.${logicalId}.asl.json`);
        fs.writeFileSync(file, JSON.stringify(definition, null, 2) + '\n');
        process.stdout.write(`${file}\n`);
        written++;
      }
    }
  } catch (e) {
    if (!(e instanceof UsageError) && !e.code) throw e;
    process.stderr.write(`write-definitions: ${e.message}\n`);
    return 2;
  }
  process.stderr.write(`${written} definition(s) written${failed ? `, ${failed} could not be resolved` : ''}\n`);
  return failed ? 1 : 0;
}

try {
  process.exitCode = main(process.argv);
} catch (e) {
  process.stderr.write(`write-definitions: unexpected error: ${e?.stack ?? e}\n`);
  process.exitCode = 2;
}
