// Finding and reading the CloudFormation templates of a cloud assembly (cdk.out).
import fs from 'node:fs';
import path from 'node:path';

export class UsageError extends Error {}

/**
 * Every `*.template.json` of a cdk.out directory: its top level (stacks and nested stacks) and its
 * nested stage assemblies (`assembly-*` folders). Returns [{ name, file }] sorted by name, where
 * name is the path relative to `dir` (e.g. `DeployStack.template.json`).
 */
export function findTemplates(dir) {
  let stat;
  try {
    stat = fs.statSync(dir);
  } catch (e) {
    throw new UsageError(`cannot read directory '${dir}': ${e.code ?? e.message}`);
  }
  if (!stat.isDirectory()) throw new UsageError(`'${dir}' is not a directory`);
  const found = [];
  const walk = (current, depth) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isFile() && entry.name.endsWith('.template.json')) {
        found.push({ name: path.relative(dir, full).split(path.sep).join('/'), file: full });
      } else if (entry.isDirectory() && entry.name.startsWith('assembly-') && depth < 8) {
        walk(full, depth + 1);
      }
    }
  };
  walk(dir, 0);
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function readTemplate(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read '${file}': ${e.code ?? e.message}`);
  }
  try {
    const json = JSON.parse(text);
    if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new Error('not a JSON object');
    return json;
  } catch (e) {
    throw new UsageError(`'${file}' is not a JSON template: ${e.message}`);
  }
}

/** The stack name a template file stands for: `Foo.template.json` -> `Foo`. */
export function stackNameOf(name) {
  return path.basename(name).replace(/(\.nested)?\.template\.json$/, '');
}
