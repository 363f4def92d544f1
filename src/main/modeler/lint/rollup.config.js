// Builds node_modules/.peerflow/peerflow-lint.js (removed with node_modules, so a new npm ci
// always brings a matching bundle); the Maven build copies it into the jar.
const nodeResolve = require('@rollup/plugin-node-resolve').default;
const commonjs = require('@rollup/plugin-commonjs');
const bpmnlint = require('rollup-plugin-bpmnlint');

module.exports = {
  input: 'lint/entry.js',
  output: { file: 'node_modules/.peerflow/peerflow-lint.js', format: 'iife', name: 'PeerflowLint' },
  plugins: [ nodeResolve({ browser: true }), commonjs(), bpmnlint({ include: '**/.bpmnlintrc' }) ]
};
