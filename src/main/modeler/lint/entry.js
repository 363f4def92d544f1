// bpmnlint in the browser: the rules of .bpmnlintrc packed in at build time (rollup-plugin-bpmnlint),
// so the modeler lints offline. Exposed as window.PeerflowLint.lint(definitions) for modeler.js.
import { Linter } from 'bpmnlint';
import config from './.bpmnlintrc';

const linter = new Linter(config);

/** @return a promise of { ruleName: [ { id, message, category } ] } for the diagram's moddle root */
export function lint(definitions) {
  return linter.lint(definitions);
}
