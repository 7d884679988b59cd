// Validates a generated API document with a real validator of its format (pinned in the repository's package.json):
//   node validate-api-document.mjs openapi FILE    @seriousme/openapi-schema-validator (OpenAPI 3.1 schema, 2020-12 dialect)
//   node validate-api-document.mjs asyncapi FILE   @asyncapi/parser (AsyncAPI 3.0 schema and its ruleset)
// Prints every finding; exits 0 only when the document is valid and has no error.
import { readFileSync } from 'node:fs';

const [kind, file] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
if (kind === 'openapi') {
  const { Validator } = await import('@seriousme/openapi-schema-validator');
  const validator = new Validator();
  const result = await validator.validate(JSON.parse(text));
  if (!result.valid) {
    console.log(JSON.stringify(result.errors, null, 1));
    process.exit(1);
  }
  console.log(`valid OpenAPI ${validator.version}`);
} else if (kind === 'asyncapi') {
  const { Parser } = await import('@asyncapi/parser');
  const { document, diagnostics } = await new Parser().parse(text);
  const severities = ['error', 'warning', 'info', 'hint'];
  for (const d of diagnostics) {
    console.log(`${severities[d.severity]} ${d.code} /${d.path.join('/')}: ${d.message}`);
  }
  if (!document || diagnostics.some(d => d.severity === 0)) {
    process.exit(1);
  }
  console.log(`valid AsyncAPI ${document.version()}`);
} else {
  console.error('usage: node validate-api-document.mjs openapi|asyncapi FILE');
  process.exit(2);
}
